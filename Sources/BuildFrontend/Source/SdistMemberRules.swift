/// One archive member as the reader reports it, before anything is written.
struct SdistMember: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case file, directory, symlink, hardLink
        /// Device nodes, FIFOs, sockets: named for the error.
        case unsupported(String)
    }

    var name: String
    var kind: Kind
    /// The symbolic link's target, or the hard link's.
    var linkTarget: String?
}

/// A member that passed every rule: what to hand to the disk writer, names relative to the
/// destination and free of `.`, `..` and empty components.
struct AdmittedMember: Sendable, Equatable {
    let path: String
    let kind: SdistMember.Kind
    let linkTarget: String?
}

/// The rules an sdist's members must pass, in archive order, and the tree they have built so
/// far. A member is judged against what earlier members made: whether its parents are real
/// directories (not links, so nothing is written through a link) and whether a hard link's
/// target is a file already unpacked.
struct SdistTree: Sendable {
    private enum Node: Sendable { case directory, file, symlink }

    let archive: String
    private(set) var topLevel: String?
    private var nodes: [String: Node] = [:]

    init(archive: String) {
        self.archive = archive
    }

    /// Nil for an entry naming the archive's root itself (`./`), which has nothing to write.
    mutating func admit(_ member: SdistMember) throws(SdistUnpackError) -> AdmittedMember? {
        let name = member.name
        guard let components = try canonical(name, member: name) else {
            if member.kind == .directory { return nil }
            throw .outsideTopLevelDirectory(archive: archive, member: name, topLevel: topLevel)
        }
        if case .unsupported(let kind) = member.kind {
            throw .unsupportedMemberType(archive: archive, member: name, kind: kind)
        }
        try checkTopLevel(components, member: member)

        var newDirectories: [String] = []
        var prefix = ""
        for component in components.dropLast() {
            prefix = prefix.isEmpty ? component : prefix + "/" + component
            switch nodes[prefix] {
            case .directory?: continue
            case .symlink?: throw .writesThroughSymlink(archive: archive, member: name, symlink: prefix)
            case .file?: throw .parentNotDirectory(archive: archive, member: name, parent: prefix)
            case nil: newDirectories.append(prefix)
            }
        }
        let path = components.joined(separator: "/")
        if let existing = nodes[path], !(existing == .directory && member.kind == .directory) {
            throw .duplicateMember(archive: archive, member: name)
        }

        var linkTarget: String?
        let node: Node
        switch member.kind {
        case .file: node = .file
        case .directory: node = .directory
        case .symlink:
            let target = member.linkTarget ?? ""
            try checkSymlink(target, parent: components.dropLast(), member: name)
            linkTarget = target
            node = .symlink
        case .hardLink:
            linkTarget = try checkHardLink(member.linkTarget ?? "", member: name)
            node = .file
        case .unsupported(let kind):
            throw .unsupportedMemberType(archive: archive, member: name, kind: kind)
        }
        for directory in newDirectories { nodes[directory] = .directory }
        nodes[path] = node
        return AdmittedMember(path: path, kind: member.kind, linkTarget: linkTarget)
    }

    /// The name's components without empty and `.` ones; nil when nothing is left.
    private func canonical(_ name: String, member: String) throws(SdistUnpackError) -> [String]? {
        if name.hasPrefix("/") { throw .absolutePath(archive: archive, member: member) }
        let components = name.split(separator: "/", omittingEmptySubsequences: true)
            .filter { $0 != "." }
            .map(String.init)
        if components.contains("..") { throw .parentDirectoryComponent(archive: archive, member: member) }
        return components.isEmpty ? nil : components
    }

    private mutating func checkTopLevel(_ components: [String], member: SdistMember) throws(SdistUnpackError) {
        let first = components[0]
        if components.count == 1 && member.kind != .directory {
            throw .outsideTopLevelDirectory(archive: archive, member: member.name, topLevel: topLevel)
        }
        guard let topLevel else {
            topLevel = first
            return
        }
        if first != topLevel {
            throw .multipleTopLevelDirectories(archive: archive, first: topLevel, second: first, member: member.name)
        }
    }

    /// Lexical resolution is exact only while every step up is a real directory: the link's own
    /// parents are (members are never written through links), so a target may climb first and
    /// then only descend. Each name it descends through is a directory or a link that passed
    /// this same rule, so it cannot lead out either.
    private func checkSymlink(_ target: String, parent: ArraySlice<String>, member: String) throws(SdistUnpackError) {
        guard !target.isEmpty, !target.hasPrefix("/") else {
            throw .symlinkOutsideTree(archive: archive, member: member, target: target)
        }
        let components = target.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        let climbs = components.prefix { $0 == ".." }.count
        let descent = components.dropFirst(climbs)
        if descent.contains("..") {
            throw .symlinkTargetNotNormalized(archive: archive, member: member, target: target)
        }
        guard climbs <= parent.count else {
            throw .symlinkOutsideTree(archive: archive, member: member, target: target)
        }
        let landing = Array(parent.dropLast(climbs)) + descent.map(String.init)
        guard landing.first == topLevel else {
            throw .symlinkOutsideTree(archive: archive, member: member, target: target)
        }
    }

    /// Hard-link targets are names within the archive (not relative to the link), and must be
    /// regular files already unpacked: a link to a link would be a copy of a symlink at a new
    /// depth, and a link to something later could be pointed anywhere first.
    private func checkHardLink(_ target: String, member: String) throws(SdistUnpackError) -> String {
        guard !target.hasPrefix("/"),
              let components = try? canonical(target, member: member),
              components.first == topLevel, components.count > 1
        else {
            throw .hardLinkOutsideTree(archive: archive, member: member, target: target)
        }
        let path = components.joined(separator: "/")
        guard nodes[path] == .file else {
            throw .hardLinkToMissingFile(archive: archive, member: member, target: target)
        }
        return path
    }
}
