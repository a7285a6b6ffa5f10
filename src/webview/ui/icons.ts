// Small inline SVG icons drawn with DOM APIs: no icon font, nothing loaded from outside the bundle, and
// the CSP stays untouched. Strokes use currentColor so every theme (and high contrast) colours them.

const SVG_NS = 'http://www.w3.org/2000/svg';

export type IconName = 'send' | 'stop' | 'history' | 'chevronDown' | 'copy' | 'edit' | 'retry' | 'close' | 'trash' | 'export' | 'arrowDown' | 'add' | 'check';

/** Each icon is a list of path data on a 16x16 grid, stroked (not filled) unless marked. */
const ICON_PATHS: Readonly<Record<IconName, readonly string[]>> = {
  send: ['M2 2.5 14 8 2 13.5 4 8Z', 'M4 8h5'],
  stop: ['M4 4h8v8H4Z'],
  history: ['M8 2.5a5.5 5.5 0 1 1-5.2 3.7', 'M2.5 2.5v3.5H6', 'M8 5v3.2l2.2 1.4'],
  chevronDown: ['M4 6l4 4 4-4'],
  copy: ['M5.5 5.5h8v8h-8Z', 'M3.5 10.5h-1v-8h8v1'],
  edit: ['M10.5 2.5l3 3-8 8h-3v-3Z', 'M9 4l3 3'],
  retry: ['M13 8a5 5 0 1 1-1.6-3.7', 'M12 1.8v3h-3'],
  close: ['M4 4l8 8', 'M12 4l-8 8'],
  trash: ['M2.5 4h11', 'M6 4V2.5h4V4', 'M4 4l.8 9.5h6.4L12 4'],
  export: ['M8 10V2', 'M5 5l3-3 3 3', 'M3 9.5v4h10v-4'],
  arrowDown: ['M8 3v10', 'M4 9l4 4 4-4'],
  add: ['M8 3v10', 'M3 8h10'],
  check: ['M3 8.5l3 3 7-7'],
};

export function icon(doc: Document, name: IconName): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name}`);
  for (const data of ICON_PATHS[name]) {
    const path = doc.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', data);
    svg.append(path);
  }
  return svg;
}
