// Loaded before leaflet.js: position markers with plain offsets, not 3D transforms. With 3D
// transforms every marker is a compositing layer of its own, and with hundreds of markers the
// browser spends about a tenth of a second re-layering the page on every frame of a rerun.
// The price is that zooming jumps instead of gliding.
window.L_DISABLE_3D = true;
