// What a slider shows: its readout and its handles' ARIA values (aria-valuenow alone is rounded)
(s) => [...s.querySelectorAll('.widget-readout, .noUi-handle')].map(
    e => e.classList.contains('noUi-handle')
         ? e.getAttribute('aria-valuetext') + '~' + e.getAttribute('aria-valuenow')
         : e.textContent).join(' | ')
