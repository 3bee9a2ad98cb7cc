// Count the frames drawn into each canvas: ipympl draws each with drawImage (an init script)
(() => {
  const draw = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...args) {
    this.canvas.__llDraws = (this.canvas.__llDraws || 0) + 1;
    return draw.apply(this, args);
  };
})();
