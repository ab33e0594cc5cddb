/** One side-by-side comparison: throughput of ours and of the peer in the same unit; `ratio = ours / peer`. */
export interface PeerRow {
  name: string;
  ours: number;
  peer: number;
  unit: string;
  ratio: number;
}
