import CCurl

/// What one attempt's outcome means: done (any answer the caller interprets), worth another try
/// (reset, stall, cut body, 5xx), or final.
enum AttemptVerdict {
    case done
    case retry(HTTPError)
    case fail(HTTPError)

    init(_ outcome: CurlOutcome, url: ParsedURL, isFile: Bool, attempt: Int) {
        let redacted = url.redacted
        switch outcome.code {
        case CURLE_OK:
            if (500..<600).contains(outcome.status) {
                self = .retry(.status(code: outcome.status, url: redacted, attempts: attempt))
            } else if outcome.status == 416 && isFile {
                // Our Range no longer fits (the file changed?): start over.
                self = .retry(.status(code: 416, url: redacted, attempts: attempt))
            } else {
                self = .done
            }
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            self = .retry(.hostUnreachable(host: url.hostAndPort, url: redacted, reason: Self.reason(outcome), attempts: attempt))
        case CURLE_OPERATION_TIMEDOUT where outcome.status == 0:
            self = .retry(.hostUnreachable(host: url.hostAndPort, url: redacted, reason: Self.reason(outcome), attempts: attempt))
        case CURLE_PARTIAL_FILE:
            self = .retry(.truncatedBody(url: redacted, attempts: attempt))
        case CURLE_OPERATION_TIMEDOUT, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING,
            CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_SSL_CONNECT_ERROR, CURLE_BAD_CONTENT_ENCODING:
            self = .retry(.transferFailed(url: redacted, reason: Self.reason(outcome), attempts: attempt))
        default:
            self = .fail(.transferFailed(url: redacted, reason: Self.reason(outcome), attempts: attempt))
        }
    }

    /// curl's message, which names hosts but never credentials (they are not in the URL we give it).
    private static func reason(_ outcome: CurlOutcome) -> String {
        outcome.errorText.trimmingASCIIWhitespace()
    }
}
