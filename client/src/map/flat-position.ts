import L from 'leaflet';

/**
 * Leaflet places every DOM marker and tooltip with `translate3d(x, y, 0)`, and Chromium gives each
 * element with a 3D transform a composited layer of its own: the board at a street view had ~210
 * (180 cluster markers, 26 grid names), and every frame that changed anything on the page paid for
 * all of them in paint, layerization and commit (board benchmark traces). A 2D translate puts the
 * element at the same place without a layer. Leaflet positions the element first (and remembers
 * where); only the transform is rewritten, before any style recalculation sees it.
 */
type Placed = HTMLElement & { _leaflet_pos?: L.Point };

function flatten(el: Placed | undefined): void {
  const pos = el?._leaflet_pos;
  if (el && pos) el.style.transform = `translate(${pos.x}px, ${pos.y}px)`;
}

const markerProto = L.Marker.prototype as unknown as { _setPos(pos: L.Point): void };
const tooltipProto = L.Tooltip.prototype as unknown as { _setPosition(pos: L.Point): void };

/** A DOM marker (a cluster, a flash) without a composited layer of its own. */
export class FlatMarker extends L.Marker {
  _setPos(pos: L.Point): void {
    markerProto._setPos.call(this, pos);
    flatten((this as unknown as { _icon?: Placed })._icon);
  }
}

/** A tooltip (a permanent label) without a composited layer of its own. */
export class FlatTooltip extends L.Tooltip {
  _setPosition(pos: L.Point): void {
    tooltipProto._setPosition.call(this, pos);
    flatten((this as unknown as { _container?: Placed })._container);
  }
}
