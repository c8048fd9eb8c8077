/**
 * A tooltip or popup body built as DOM text. Leaflet renders *string* content as HTML, so user
 * text (names, addresses) must never be passed to bindTooltip/bindPopup as a string.
 */
export function textContent(lines: readonly string[], className = 'gb-tip'): HTMLElement {
  const root = document.createElement('div');
  root.className = className;
  lines.forEach((line, i) => {
    const el = document.createElement(i === 0 ? 'strong' : 'div');
    el.textContent = line;
    root.appendChild(el);
  });
  return root;
}
