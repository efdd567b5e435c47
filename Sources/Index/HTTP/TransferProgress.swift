/// A snapshot of one download, for the CLI to render (library code never prints).
public struct TransferProgress: Sendable, Equatable {
    /// What is being fetched, usually the file name.
    public let label: String
    public let receivedBytes: Int64
    /// From Content-Length; nil when the server did not say.
    public let totalBytes: Int64?
    public let bytesPerSecond: Double
    /// The last report of this transfer (success or failure).
    public let isFinished: Bool
}

/// Receives progress of all transfers; called from the transfer thread, so it must be quick.
public typealias TransferProgressHandler = @Sendable (TransferProgress) -> Void

/// Throttles curl's frequent progress callbacks to a few reports per second per transfer.
final class ProgressReporter: @unchecked Sendable {
    // Used from the curl loop thread only (and once from the client after the last attempt).
    private let label: String
    private let handler: TransferProgressHandler
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastReport: ContinuousClock.Instant?
    private var lastReceived: Int64 = 0
    private var lastTotal: Int64?

    init(label: String, handler: @escaping TransferProgressHandler) {
        self.label = label
        self.handler = handler
        self.start = clock.now
    }

    func report(received: Int64, total: Int64?) {
        let now = clock.now
        lastReceived = received
        lastTotal = total
        if let lastReport, now - lastReport < .milliseconds(100) { return }
        lastReport = now
        handler(snapshot(at: now, finished: false))
    }

    func finish() {
        handler(snapshot(at: clock.now, finished: true))
    }

    private func snapshot(at now: ContinuousClock.Instant, finished: Bool) -> TransferProgress {
        let elapsed = Double((now - start).milliseconds) / 1000
        let rate = elapsed > 0 ? Double(lastReceived) / elapsed : 0
        return TransferProgress(label: label, receivedBytes: lastReceived, totalBytes: lastTotal,
                                bytesPerSecond: rate, isFinished: finished)
    }
}
