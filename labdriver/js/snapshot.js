// The panel's state: a fingerprint of its figures' pixels, its readout text, the kernel errors
(p) => window.__ll.snapshot(p)
