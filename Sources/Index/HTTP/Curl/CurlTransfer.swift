import CCurl
import Synchronization

/// One attempt at one request: a configured curl easy handle plus what its callbacks collect.
/// Created by the client, run by `CurlMultiLoop` on its thread, and handed back through a
/// continuation when curl reports it done.
final class CurlTransfer: @unchecked Sendable {
    // Mutable state is touched by curl callbacks on the loop thread only, until `finish` hands the
    // outcome over through the continuation; `cancelled` is the one cross-thread flag.
    let easy: UnsafeMutableRawPointer
    let sink: ResponseSink
    private let progress: ProgressReporter?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    private var continuation: CheckedContinuation<CurlOutcome, Never>?
    let cancelled = Atomic<Bool>(false)
    /// Stored (release) by the loop thread before it resumes the continuation, loaded (acquire) by
    /// the awaiting side after it: the continuation already orders the two, but through Swift's
    /// runtime, which ThreadSanitizer cannot see; this makes the handover visible to it.
    private let handedBack = Atomic<Bool>(false)

    /// The awaiting side's half of the handover; call after the continuation has resumed.
    func takeBack() {
        _ = handedBack.load(ordering: .acquiring)
    }

    /// Where the current attempt resumes a file download; 0 means from the start.
    let resumeOffset: Int64
    private var status = 0
    private var headers = HTTPHeaders()
    private var bodyStarted = false
    /// The server answered our Range with 200 (whole file): the sink was reset.
    private var restartedFromZero = false

    init?(request: HTTPRequest, sink: ResponseSink, resumeOffset: Int64, credentials: ParsedURL.Credentials?,
          configuration: HTTPClientConfiguration, progress: ProgressReporter?) {
        guard let easy = kiln_curl_easy_init() else { return nil }
        self.easy = easy
        self.sink = sink
        self.progress = progress
        self.resumeOffset = resumeOffset
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        configure(request: request, credentials: credentials, configuration: configuration)
    }

    deinit {
        kiln_curl_easy_cleanup(easy)
        if let headerList { kiln_curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
    }

    private func configure(request: HTTPRequest, credentials: ParsedURL.Credentials?, configuration: HTTPClientConfiguration) {
        let url = request.url
        kiln_curl_setopt_str(easy, CURLOPT_URL, url.requestString)
        kiln_curl_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        kiln_curl_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1)
        kiln_curl_setopt_long(easy, CURLOPT_MAXREDIRS, 10)
        kiln_curl_setopt_str(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        kiln_curl_setopt_str(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        kiln_curl_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        // Wait for an HTTP/2 connection to multiplex on rather than opening another.
        kiln_curl_setopt_long(easy, CURLOPT_PIPEWAIT, 1)
        kiln_curl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout.milliseconds))
        kiln_curl_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, 1)
        kiln_curl_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, max(1, Int(configuration.stallTimeout.components.seconds)))
        kiln_curl_setopt_str(easy, CURLOPT_USERAGENT, configuration.userAgent)
        kiln_curl_setopt_ptr(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        if request.acceptCompressed { kiln_curl_setopt_str(easy, CURLOPT_ACCEPT_ENCODING, "") }

        // Proxies are set explicitly (an empty string means none) so curl's own partial reading
        // of the environment never disagrees with ours.
        kiln_curl_setopt_str(easy, CURLOPT_PROXY, configuration.proxies.proxy(for: url))
        if let noProxy = configuration.proxies.noProxy { kiln_curl_setopt_str(easy, CURLOPT_NOPROXY, noProxy) }
        if let caBundle = configuration.caBundle { kiln_curl_setopt_str(easy, CURLOPT_CAINFO, caBundle) }

        // Credentials never travel inside the URL string, so curl's messages cannot echo them.
        if let credentials {
            kiln_curl_setopt_str(easy, CURLOPT_USERNAME, credentials.user)
            kiln_curl_setopt_str(easy, CURLOPT_PASSWORD, credentials.password ?? "")
        } else if let netrc = configuration.netrcPath {
            kiln_curl_setopt_long(easy, CURLOPT_NETRC, Int(CURL_NETRC_OPTIONAL.rawValue))
            kiln_curl_setopt_str(easy, CURLOPT_NETRC_FILE, netrc)
        }

        var list: UnsafeMutablePointer<curl_slist>?
        for header in request.headers {
            list = kiln_curl_slist_append(list, "\(header.name): \(header.value)")
        }
        if resumeOffset > 0 { list = kiln_curl_slist_append(list, "Range: bytes=\(resumeOffset)-") }
        headerList = list
        if let list { kiln_curl_setopt_ptr(easy, CURLOPT_HTTPHEADER, list) }

        let context = Unmanaged.passUnretained(self).toOpaque()
        kiln_curl_setopt_write(easy, { data, size, count, context in
            guard let data, let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
        })
        kiln_curl_setopt_ptr(easy, CURLOPT_WRITEDATA, context)
        kiln_curl_setopt_header(easy, { data, size, count, context in
            guard let data, let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        })
        kiln_curl_setopt_ptr(easy, CURLOPT_HEADERDATA, context)
        kiln_curl_setopt_long(easy, CURLOPT_NOPROGRESS, 0)
        kiln_curl_setopt_xferinfo(easy, { context, total, now, _, _ in
            guard let context else { return 1 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.reportProgress(total: total, now: now) ? 0 : 1
        })
        kiln_curl_setopt_ptr(easy, CURLOPT_XFERINFODATA, context)
    }

    func attach(_ continuation: CheckedContinuation<CurlOutcome, Never>) {
        self.continuation = continuation
    }

    // MARK: callbacks (loop thread)

    private func receiveHeaderLine(_ raw: UnsafeRawBufferPointer) {
        let line = String(decoding: raw, as: UTF8.self).trimmingASCIIWhitespace()
        if line.hasPrefix("HTTP/") {
            // A new response (after a redirect or a 100 Continue): forget the previous one's headers.
            let parts = line.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = HTTPHeaders()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        headers.append(
            name: String(line[..<colon]).trimmingASCIIWhitespace(),
            value: String(line[line.index(after: colon)...]).trimmingASCIIWhitespace())
    }

    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // An error page's body must not end up in a distribution file, nor wipe the part of it an
        // earlier attempt already stored (the next attempt resumes from there).
        if sink.isFile && !(200..<300).contains(status) { return true }
        if !bodyStarted {
            bodyStarted = true
            let continues = sink.isFile && status == 206 && resumeOffset > 0 && contentRangeStart == resumeOffset
            if !continues {
                restartedFromZero = resumeOffset > 0
                sink.reset()
            }
        }
        return sink.append(bytes)
    }

    private var contentRangeStart: Int64? {
        // "bytes 100-199/200"
        guard let value = headers["content-range"], value.hasPrefix("bytes ") else { return nil }
        let range = value.dropFirst("bytes ".count)
        guard let dash = range.firstIndex(of: "-") else { return nil }
        return Int64(range[..<dash])
    }

    private func reportProgress(total: curl_off_t, now: curl_off_t) -> Bool {
        if cancelled.load(ordering: .relaxed) { return false }
        if let progress, bodyStarted, (200..<300).contains(status) {
            let base = status == 206 ? resumeOffset : 0
            progress.report(received: base + Int64(now), total: total > 0 ? base + Int64(total) : nil)
        }
        return true
    }

    /// Called by the loop thread once curl is done with this handle.
    func finish(code: CURLcode) {
        var effective: UnsafeMutablePointer<CChar>?
        kiln_curl_getinfo_str(easy, CURLINFO_EFFECTIVE_URL, &effective)
        var version = 0
        kiln_curl_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version)
        let message = String(cString: errorBuffer)
        let outcome = CurlOutcome(
            code: code,
            errorText: message.isEmpty ? String(cString: kiln_curl_easy_strerror(code)) : message,
            status: status,
            headers: headers,
            effectiveURL: effective.map { String(cString: $0) },
            httpVersion: Self.versionName(version),
            wasCancelled: cancelled.load(ordering: .relaxed),
            restartedFromZero: restartedFromZero)
        let waiting = continuation
        continuation = nil
        handedBack.store(true, ordering: .releasing)
        waiting?.resume(returning: outcome)
    }
}

extension CurlTransfer {
    static func versionName(_ version: Int) -> String? {
        switch version {
        case Int(CURL_HTTP_VERSION_1_0): return "1.0"
        case Int(CURL_HTTP_VERSION_1_1): return "1.1"
        case Int(CURL_HTTP_VERSION_2_0): return "2"
        case Int(CURL_HTTP_VERSION_3): return "3"
        default: return nil
        }
    }
}

/// What curl reported for one attempt.
struct CurlOutcome: Sendable {
    let code: CURLcode
    let errorText: String
    let status: Int
    let headers: HTTPHeaders
    let effectiveURL: String?
    let httpVersion: String?
    let wasCancelled: Bool
    let restartedFromZero: Bool
}

extension Duration {
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
