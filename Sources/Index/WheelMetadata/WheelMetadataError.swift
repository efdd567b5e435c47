import PackagingModel
import SystemSupport

/// Why the core metadata of a wheel could not be read, naming the file and where it came from.
public enum WheelMetadataError: Error, Equatable, Sendable, CustomStringConvertible {
    case index(IndexError)
    case archive(ZipDirectoryError)
    /// The wheel has no `<name>-<version>.dist-info/METADATA` member (or more than one candidate).
    case noMetadataMember(filename: String)
    /// The member's bytes are damaged or use a compression wheels do not use.
    case unreadableMember(filename: String, reason: String)
    /// The server's answer to a range request does not make sense.
    case badRangeAnswer(url: RedactedURL, reason: String)
    /// The METADATA was obtained but is not valid core metadata.
    case invalidMetadata(filename: String, CoreMetadataError)

    public var description: String {
        switch self {
        case .index(let error):
            return error.description
        case .archive(let error):
            return error.description
        case .noMetadataMember(let filename):
            return "\(filename) has no single .dist-info/METADATA file; it is not a valid wheel"
        case .unreadableMember(let filename, let reason):
            return "cannot read the METADATA of \(filename): \(reason)"
        case .badRangeAnswer(let url, let reason):
            return "\(url) answered a range request oddly (\(reason)); retry, or report it to the index's operator"
        case .invalidMetadata(_, let error):
            return error.description
        }
    }
}
