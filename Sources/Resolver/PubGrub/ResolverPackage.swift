import PackagingModel

/// What PubGrub chooses a version for.
///
/// An extra is a package of its own: `black[jupyter]` at version V depends on
/// `black` at exactly V and on the requirements the `jupyter` extra adds, so a
/// conflict in an extra's dependencies rules out the extra's versions, not the base's.
public enum ResolverPackage: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The user's requirements, as a package of its own with one version.
    case root
    case base(PackageName)
    case extra(PackageName, ExtraName)

    /// The distribution this package is part of; nil for the root.
    public var name: PackageName? {
        switch self {
        case .root: nil
        case .base(let name), .extra(let name, _): name
        }
    }

    public var description: String {
        switch self {
        case .root: "your requirements"
        case .base(let name): name.description
        case .extra(let name, let extra): "\(name)[\(extra)]"
        }
    }

    public static func < (lhs: ResolverPackage, rhs: ResolverPackage) -> Bool {
        switch (lhs, rhs) {
        case (.root, .root): false
        case (.root, _): true
        case (_, .root): false
        case (.base(let left), .base(let right)): left < right
        case (.base(let left), .extra(let right, _)): left <= right
        case (.extra(let left, _), .base(let right)): left < right
        case (.extra(let left, let leftExtra), .extra(let right, let rightExtra)):
            left == right ? leftExtra < rightExtra : left < right
        }
    }
}
