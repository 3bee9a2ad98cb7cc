// True once the panel's canvas differs from `before`; stops the clock (window.__llT1)
([p, before]) => {
    if (window.__ll.snapshot(p).canvas === before) return false;
    window.__llT1 = performance.now();
    return true;
}
