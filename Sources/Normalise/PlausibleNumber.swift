import Foundation
import Results

/// The largest magnitudes a planning workbook can plausibly hold, and the check against them.
///
/// ITU's regular budget is about CHF 330 million a biennium and the whole UN system spends about
/// CHF 60 billion a year: an amount of CHF 10^15 (a million billion) or more is no budget but a
/// typing or export error (`1E+300`, `9.99E+164`). Such a cell is rejected with its cell (DAT-002
/// in an amount table) instead of being loaded.
///
/// The bound is also what keeps the arithmetic safe. `Exact` holds magnitudes up to about
/// 3.4 × 10^165 and turns anything beyond into NaN (which then aborted the run when the workbook
/// writer refused it). A sheet has at most 1,048,576 rows, so a sum of accepted values stays under
/// about 1.1 × 10^21, and a ratio of such a sum to the smallest value the grammars read
/// (10^-128) under 10^150: no total, difference, share or ratio of accepted values can overflow.
enum PlausibleNumber {
    /// Amounts in CHF, after the column's unit (kCHF, MCHF) is applied: |x| < 10^15.
    static let maxAmountCHF = Exact(sign: .plus, exponent: 15, significand: 1)

    /// Every other number of a plan (FTE, KPI values, scores, stated totals): |x| < 10^15 too.
    static let maxMagnitude = Exact(sign: .plus, exponent: 15, significand: 1)

    /// Whether `value` is a number (not NaN) below `bound` in magnitude.
    static func isWithin(_ value: Exact, _ bound: Exact) -> Bool {
        !value.isNaN && value.magnitude < bound
    }
}
