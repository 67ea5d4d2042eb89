// Coverage of the catalogue's documented surface by the traffic a server saw.

export {
  type Category,
  type Coverage,
  type CoverageCell,
  type CoverageItem,
  computeCoverage,
  type OperationCoverage,
  type Tally,
} from './compute-coverage.ts'
export { renderCoverage, renderJunit } from './render-coverage.ts'
