import PackagingModel
import Resolver
import SystemSupport

extension ResolutionTarget {
    /// A CPython `pythonVersion` on `platform`, with no interpreter at hand: the marker
    /// environment and tag list such an interpreter would have (see `PlatformTarget`).
    /// `pythonVersion` may name a minor (`3.12`, read as `3.12.0`) or a patch release.
    public init(pythonVersion: Version, platform: PlatformTarget) {
        let markers = MarkerEnvironment.cpython(fullVersion: pythonVersion, platform: platform.platform)
        let release = pythonVersion.release
        let language = LanguageVersion(release.first ?? 3, release.count > 1 ? release[1] : 0)
        let full = (try? Version(markers.pythonFullVersion)) ?? pythonVersion
        self.init(environment: TargetEnvironment(markers: markers, pythonVersion: full),
                  tags: TagPriority(platform.cpythonTags(language)))
    }
}

extension PlatformTarget {
    /// `platform` as this machine would see it: on Linux, this machine's glibc decides the
    /// manylinux tags (none without glibc); elsewhere the defaults of `PlatformTarget`.
    public static func onThisMachine(_ platform: TargetPlatform, host: HostSystem = .current()) -> PlatformTarget {
        let glibc = host.glibcVersion.flatMap(LibcVersion.init(parsing:))
        return PlatformTarget(platform, libc: glibc.map { .glibc($0) })
    }

    /// This machine's own platform; nil when it is none of `TargetPlatform`'s.
    public static func thisMachine(host: HostSystem = .current()) -> PlatformTarget? {
        TargetPlatform(unameSystem: host.systemName, machine: host.machine).map { onThisMachine($0, host: host) }
    }
}
