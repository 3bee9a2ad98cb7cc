// Start the clock (window.__llT0) at every keydown on the slider handle (armed once per handle)
(h) => {
    if (!h.__llArmed) {
        h.addEventListener('keydown', () => { window.__llT0 = performance.now(); },
                           {capture: true});
        h.__llArmed = true;
    }
}
