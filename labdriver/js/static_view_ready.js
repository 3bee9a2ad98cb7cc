// True once every stored widget output shows its PNG and no widget error (static_view.js inlined)
(errorTexts) => (/*js:static_view*/)(errorTexts).every(
    r => r.images >= r.withPng && r.withPng > 0 && r.errors.length === 0)
