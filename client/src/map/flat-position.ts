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
const svgProto = L.SVG.prototype as unknown as {
  _initContainer(): void;
  _update(): void;
  _updateTransform(center: L.LatLng, zoom: number): void;
};

/** A DOM marker (a cluster, a flash) without a composited layer of its own. */
export class FlatMarker extends L.Marker {
  _setPos(pos: L.Point): void {
    markerProto._setPos.call(this, pos);
    flatten((this as unknown as { _icon?: Placed })._icon);
  }
}

/**
 * An SVG renderer without a composited layer of its own: Leaflet gives each renderer's element
 * `will-change: transform` and a `translate3d`, so the basemap, community outlines and grid shading
 * were three layers the size of the map, and Chromium's display compositor drew all three again at
 * every frame of a burst (a batch frame's damage spans the page: clusters across the map, the feed
 * on one side, the count on the other). Flat, the three share one layer; a zoom animation still
 * composites them while it runs.
 */
export class FlatSvg extends L.SVG {
  _initContainer(): void {
    svgProto._initContainer.call(this);
    (this as unknown as { _container: HTMLElement })._container.style.willChange = 'auto';
  }

  _update(): void {
    svgProto._update.call(this);
    flatten((this as unknown as { _container?: Placed })._container);
  }

  /** Leaflet's reset ends with a `translate3d(…) scale(1)`; only a real zoom needs the 3D transform. */
  _updateTransform(center: L.LatLng, zoom: number): void {
    svgProto._updateTransform.call(this, center, zoom);
    const self = this as unknown as { _map: L.Map; _zoom: number; _container: HTMLElement };
    if (self._map.getZoomScale(zoom, self._zoom) !== 1) return;
    const style = self._container.style;
    style.transform = style.transform.replace(/translate3d\(([^,]+),([^,]+),[^)]*\)( scale\(1\))?/, 'translate($1,$2)');
  }
}

/** A tooltip (a permanent label) without a composited layer of its own. */
export class FlatTooltip extends L.Tooltip {
  _setPosition(pos: L.Point): void {
    tooltipProto._setPosition.call(this, pos);
    flatten((this as unknown as { _container?: Placed })._container);
  }
}
