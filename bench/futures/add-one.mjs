// The tiny task of the throughput benchmark, as a plain module every pool can load the same way.
export default function addOne(x) {
  return x + 1;
}
