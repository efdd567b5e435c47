import CCurl
import Synchronization
import SystemSupport

/// Drives a curl multi handle on a thread of its own, so that waiting on sockets never blocks
/// Swift's cooperative pool. Transfers are queued from any task and handed back through their
/// continuations; one multi handle means connection reuse and HTTP/2 multiplexing across all of them.
final class CurlMultiLoop: Sendable {
    private struct Shared: ~Copyable {
        var incoming: [CurlTransfer] = []
        var shuttingDown = false
    }

    private let multi: CurlMultiHandle
    private let shared = Mutex(Shared())
    /// Joined by `shutDown()`, so no libcurl or OpenSSL work is left running when kiln exits.
    private let thread = Mutex<JoinableThread?>(nil)

    init(maxConnectionsPerHost: Int) {
        kiln_curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        multi = CurlMultiHandle(raw: kiln_curl_multi_init())
        if let raw = multi.raw {
            kiln_curl_multi_setopt_long(raw, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
            kiln_curl_multi_setopt_long(raw, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnectionsPerHost)
        }
        // The thread keeps the loop alive until `shutDown()` lets it finish.
        let started = JoinableThread.start { [self] in run() }
        thread.withLock { $0 = started }
    }

    /// Runs `transfer` to completion (success or failure; the outcome says which).
    func perform(_ transfer: CurlTransfer) async -> CurlOutcome {
        guard multi.raw != nil else {
            // No multi handle (libcurl could not start one): nothing would ever run the transfer.
            return CurlOutcome(
                code: CURLE_FAILED_INIT, errorText: "libcurl could not create a transfer loop", status: 0,
                headers: HTTPHeaders(), effectiveURL: nil, httpVersion: nil, wasCancelled: false, restartedFromZero: false)
        }
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.attach(continuation)
                let accepted = shared.withLock { state in
                    guard !state.shuttingDown else { return false }
                    state.incoming.append(transfer)
                    return true
                }
                // After shutDown the thread may be gone: a transfer queued then would wait forever.
                guard accepted else { return transfer.finish(code: CURLE_FAILED_INIT) }
                if let raw = multi.raw { kiln_curl_multi_wakeup(raw) }
            }
        } onCancel: {
            // The progress callback sees the flag and aborts the transfer within a poll interval.
            transfer.cancelled.store(true, ordering: .relaxed)
            if let raw = multi.raw { kiln_curl_multi_wakeup(raw) }
        }
        transfer.takeBack()
        return outcome
    }

    /// Lets the thread finish once running transfers are done, and waits until it has: its
    /// connections (and their TLS state) are closed when this returns.
    func shutDown() async {
        requestShutDown()
        let running = thread.withLock { current in
            let taken = current
            current = nil
            return taken
        }
        await running?.joinAsync()
    }

    /// Lets the thread finish once running transfers are done, without waiting for it.
    func requestShutDown() {
        shared.withLock { $0.shuttingDown = true }
        if let raw = multi.raw { kiln_curl_multi_wakeup(raw) }
    }

    private func run() {
        guard let handle = multi.raw else { return }
        var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        while true {
            let (incoming, shuttingDown) = shared.withLock { state in
                let taken = state.incoming
                state.incoming = []
                return (taken, state.shuttingDown)
            }
            for transfer in incoming {
                let added = kiln_curl_multi_add_handle(handle, transfer.easy)
                if added == CURLM_OK {
                    running[transfer.easy] = transfer
                } else {
                    transfer.finish(code: CURLE_FAILED_INIT)
                }
            }
            if shuttingDown && running.isEmpty { break }

            var active: Int32 = 0
            kiln_curl_multi_perform(handle, &active)
            var queued: Int32 = 0
            while let message = kiln_curl_multi_info_read(handle, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                kiln_curl_multi_remove_handle(handle, easy)
                running.removeValue(forKey: easy)?.finish(code: code)
            }
            var ready: Int32 = 0
            // Wakes early on socket activity or curl_multi_wakeup; the cap bounds how late a
            // cancelled transfer's progress callback notices.
            kiln_curl_multi_poll(handle, nil, 0, running.isEmpty ? 1000 : 100, &ready)
        }
        kiln_curl_multi_cleanup(handle)
    }
}

/// The multi handle, shared between the submitting side (wakeups) and the loop thread; libcurl
/// documents `curl_multi_wakeup` as callable from any thread.
struct CurlMultiHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer?
}
