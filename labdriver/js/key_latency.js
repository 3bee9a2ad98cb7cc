// Milliseconds from the last armed keydown to the repaint that repainted.js saw
() => window.__llT1 - window.__llT0
