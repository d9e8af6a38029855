/**
 * The product's mark: two services as rings, joined by the link the product
 * looks after. Drawn in a 40 × 40 box; the same shapes are in the favicon.
 */
export const LogoMark = () => (
  <g fill="none" strokeLinecap="round" strokeWidth={4}>
    <path d="M15.5 24.5 24.5 15.5" stroke="#ffffff" />
    <circle cx={11} cy={29} r={7} stroke="#4fc3f7" />
    <circle cx={29} cy={11} r={7} stroke="#7ee2b8" />
  </g>
);
