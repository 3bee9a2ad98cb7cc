// The panel's snapshot, whether the kernel is idle, and whether its figure has been painted
(p) => ({snap: window.__ll.snapshot(p), idle: window.__ll.kernelIdle(),
         painted: window.__ll.painted(p)})
