// highlight.js types its main entry and languages but not the core entry we import to keep the bundle small.
declare module 'highlight.js/lib/core' {
  import type { HLJSApi } from 'highlight.js';
  const hljs: HLJSApi;
  export default hljs;
}
