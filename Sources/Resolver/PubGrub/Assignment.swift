import PackagingModel

/// One step of the partial solution: a decision (a version chosen) or a derivation
/// (a term that follows from an incompatibility and earlier assignments).
struct Assignment: Sendable {
    let term: Term
    let decisionLevel: Int
    /// Position in the partial solution, to tell which of two assignments came first.
    let index: Int
    /// The incompatibility it was derived from; nil for a decision.
    let cause: Incompatibility?

    var isDecision: Bool { cause == nil }
}
