import Index
import PackagingModel
import Python
import Resolver
import SystemSupport

/// Everything a resolution's answer depends on besides the index pages it reads: the
/// requirements and constraints, the resolver options, the target interpreter (its path, version,
/// marker environment and tag list, so another interpreter, or the same path now holding another
/// Python, is another input), the index settings and how the answer is printed. Reduced to one
/// canonical text and its SHA-256, the stored resolution's name.
public struct ResolutionInputs: Sendable {
    public let digest: String

    public init(
        requirements: [RequirementEntry], constraints: [RequirementEntry], options: ResolverOptions,
        interpreter: Interpreter, settings: IndexSettings, output: [String], toolVersion: String
    ) {
        var lines = ["kiln-resolution-inputs 2", "tool \(toolVersion)"]
        lines += requirements.map { "requirement \($0.requirement)" + Self.hashes($0) }
        lines += constraints.map { "constraint \($0.requirement)" + Self.hashes($0) }
        lines.append("strategy \(options.strategy == .highest ? "highest" : "lowest")")
        lines.append("prereleases " + Self.text(options.prereleases))
        lines.append("only-binary " + Self.text(options.onlyBinary))
        lines.append("no-binary " + Self.text(options.noBinary))
        lines.append("prefer-binary \(options.preferBinary) no-deps \(options.noDependencies) max-build-failures \(options.maxBuildFailures)")
        lines.append("interpreter \(interpreter.path) \(interpreter.executable) \(interpreter.fullVersion) \(interpreter.implementationName) \(interpreter.implementationVersion)")
        lines += interpreter.markerEnvironment.sorted { $0.key < $1.key }.map { "marker \($0.key)=\($0.value)" }
        // Some thousand tags, written as one text rather than a string per tag.
        var tags: [UInt8] = []
        for tag in interpreter.compatibleTags {
            tags += "\ntag ".utf8
            tags += tag.interpreter.utf8
            tags.append(UInt8(ascii: "-"))
            tags += tag.abi.utf8
            tags.append(UInt8(ascii: "-"))
            tags += tag.platform.utf8
        }
        lines.append("tags" + String(decoding: tags, as: UTF8.self))
        lines += settings.indexes.map { "index \($0.requestString)" }
        lines += settings.findLinks.map { "find-links \($0.url.requestString)" }
        lines.append("exclude-newer \(settings.excludeNewer?.microsecondsSinceEpoch.description ?? "-")")
        lines += output.map { "output \($0)" }
        digest = SHA256Hasher.hexDigest(of: Array(lines.joined(separator: "\n").utf8))
    }

    private static func hashes(_ entry: RequirementEntry) -> String {
        entry.sha256.isEmpty ? "" : " --hash " + entry.sha256.sorted().joined(separator: ",")
    }

    /// Spelled out here: a key must not depend on how Swift happens to print an enum.
    private static func text(_ policy: ResolverOptions.PrereleasePolicy) -> String {
        switch policy {
        case .ifNecessaryOrExplicit: "if-necessary-or-explicit"
        case .allow: "allow"
        case .explicitOnly: "explicit-only"
        }
    }

    private static func text(_ selection: PackageSelection) -> String {
        switch selection {
        case .none: "none"
        case .all: "all"
        case .some(let names): names.map(\.normalized).sorted().joined(separator: ",")
        }
    }
}
