import CCurl
import SystemSupport

/// kiln's HTTP client: many requests in parallel over one curl multi handle (connection reuse,
/// HTTP/2 multiplexing), retried with backoff when a second try can help, file downloads resumed
/// with `Range`. Credentials from an index URL are remembered per host and sent with the files
/// that index links to on the same host; they are never part of an error or a log line.
public actor HTTPClient {
    public let configuration: HTTPClientConfiguration
    /// Started by the first transfer: loading libcurl (and the TLS library it brings) and
    /// starting its thread cost a run that only reads the cache more than all its reading did
    /// (issue 13), and a command that never goes to the network does not need them.
    private var loop: CurlMultiLoop?
    /// Set by `shutDown()`: a transfer asked for afterwards fails at once instead of starting a
    /// loop that nobody would end.
    private var isShutDown = false
    private var hostCredentials: [String: ParsedURL.Credentials] = [:]

    public init(configuration: HTTPClientConfiguration) {
        self.configuration = configuration
    }

    // A client nobody shut down still lets its thread go; commands call `shutDown()` to wait for it.
    deinit { loop?.requestShutDown() }

    /// Finishes the transfers under way, closes every connection and ends the HTTP thread.
    /// Nothing of the client runs after this returns; call it once the client's work is done.
    public func shutDown() async {
        isShutDown = true
        await loop?.shutDown()
    }

    /// Fetches `request`. 2xx, 304 and 4xx answers are returned for the caller to interpret (a 404
    /// page means "not on this index"); connection failures, cut bodies and 5xx are retried and
    /// then thrown. A `.file` body that does not end in 2xx is thrown as `.status`.
    public func fetch(_ request: HTTPRequest, progress: TransferProgressHandler? = nil) async throws(HTTPError) -> HTTPResponse {
        if request.url.isFile { return try LocalFileFetch.fetch(request) }
        guard request.url.scheme == "https" || request.url.scheme == "http" else {
            throw .unsupportedScheme(url: request.url.redacted)
        }
        if let reason = kiln_curl_load_error() { throw .libraryUnavailable(reason: String(cString: reason)) }
        let credentials = rememberCredentials(of: request.url)
        let sink: ResponseSink
        switch request.body {
        case .memory:
            sink = .memory()
        case .file(let path):
            do {
                sink = try .file(path)
            } catch {
                throw .localFile(path: path, reason: error.description)
            }
        }
        let reporter = request.progressLabel.flatMap { label in progress.map { ProgressReporter(label: label, handler: $0) } }
        defer { reporter?.finish() }

        let policy = configuration.retry
        var attempt = 1
        while true {
            if !sink.isFile { sink.reset() }
            let outcome = try await perform(request, sink: sink, credentials: credentials, reporter: reporter)
            switch AttemptVerdict(outcome, url: request.url, isFile: sink.isFile, attempt: attempt) {
            case .done:
                return try response(request, outcome: outcome, sink: sink)
            case .retry(let failure):
                if outcome.status == 416 { sink.reset() }
                guard attempt < policy.attempts else { throw failure }
                do {
                    try await Task.sleep(for: policy.delay(after: attempt))
                } catch {
                    throw .cancelled(url: request.url.redacted)
                }
                attempt += 1
            case .fail(let failure):
                throw failure
            }
        }
    }

    private func perform(
        _ request: HTTPRequest, sink: ResponseSink, credentials: ParsedURL.Credentials?, reporter: ProgressReporter?
    ) async throws(HTTPError) -> CurlOutcome {
        guard !isShutDown else {
            throw .transferFailed(url: request.url.redacted, reason: "the HTTP client was already shut down", attempts: 1)
        }
        // First: the loop's start runs curl_global_init, which must come before any easy handle.
        let loop = startedLoop()
        guard let transfer = CurlTransfer(
            request: request, sink: sink, resumeOffset: sink.isFile ? sink.storedBytes : 0,
            credentials: credentials, configuration: configuration, progress: reporter)
        else {
            throw .transferFailed(url: request.url.redacted, reason: "libcurl could not create a transfer", attempts: 1)
        }
        let outcome = await loop.perform(transfer)
        if outcome.wasCancelled || Task.isCancelled { throw .cancelled(url: request.url.redacted) }
        if let failure = sink.writeFailure {
            throw .localFile(path: failure.path ?? "", reason: failure.description)
        }
        return outcome
    }

    private func startedLoop() -> CurlMultiLoop {
        if let loop { return loop }
        let started = CurlMultiLoop(maxConnectionsPerHost: configuration.maxConnectionsPerHost)
        loop = started
        return started
    }

    private func response(_ request: HTTPRequest, outcome: CurlOutcome, sink: ResponseSink) throws(HTTPError) -> HTTPResponse {
        let finalURL = outcome.effectiveURL.flatMap(ParsedURL.init) ?? request.url
        var digest: String?
        if sink.isFile {
            guard (200..<300).contains(outcome.status) else {
                throw .status(code: outcome.status, url: request.url.redacted, attempts: 1)
            }
            do {
                digest = try sink.finishFile()
            } catch {
                throw .localFile(path: error.path ?? "", reason: error.description)
            }
        }
        return HTTPResponse(
            status: outcome.status, url: finalURL, headers: outcome.headers, body: sink.memoryBody,
            fileDigest: digest, fileSize: sink.storedBytes, httpVersion: outcome.httpVersion)
    }

    /// Credentials in a URL are remembered for its host; a URL without any borrows them.
    private func rememberCredentials(of url: ParsedURL) -> ParsedURL.Credentials? {
        if let credentials = url.credentials {
            hostCredentials[url.hostAndPort] = credentials
            return credentials
        }
        return hostCredentials[url.hostAndPort]
    }
}
