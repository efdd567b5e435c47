import SystemSupport

/// Everything one wheel's install will do, computed before anything is written: where each
/// member goes (PEP 427 "Spread"), the generated files (scripts, INSTALLER, REQUESTED,
/// direct_url.json, RECORD). What replaced versions leave behind is `RemovalPlanner`'s part.
struct WheelInstallPlan: Sendable {
    var changes = EnvironmentTransaction.Changes()
    var distInfoDirectory: String
    var siteDirectory: String
    var record: RecordFile
}

struct WheelInstallRequest: Sendable {
    let wheel: UnpackedWheel
    let requested: Bool
    /// The contents of direct_url.json (PEP 610), for wheels named by path or URL.
    let directURL: String?
}

enum InstallPlanner {
    static func plan(
        _ request: WheelInstallRequest, into target: InstallTarget
    ) throws(InstallError) -> WheelInstallPlan {
        let wheel = request.wheel
        let scheme = target.scheme
        let python = target.pythonExecutable
        // "Spread": root-is-purelib decides where the root of the archive goes.
        let site = wheel.rootIsPurelib ? scheme.purelib : scheme.platlib
        let distInfoDirectory = FileSystem.join(site, wheel.distInfo)
        let recordName = wheel.distInfo + "/RECORD"
        var files: [PlannedFile] = []
        var rows: [RecordFile.Row] = []

        func add(_ bytes: [UInt8], at destination: String, executable: Bool = false) {
            files.append(PlannedFile(source: .generated(bytes, executable: executable), destination: destination))
            rows.append(.init(path: PathArithmetic.relative(destination, from: site), hash: sha256Field(bytes), size: UInt64(bytes.count)))
        }

        let signatureFiles: Set = [recordName, recordName + ".jws", recordName + ".p7s"]
        for row in wheel.record.rows where !signatureFiles.contains(row.path) {
            guard let placement = WheelMemberRules.placement(of: row.path, dataDirectory: wheel.dataDirectory) else { continue }
            let source = FileSystem.join(wheel.directory, row.path)
            switch placement {
            case .root(let relative):
                files.append(PlannedFile(source: .cacheFile(source), destination: FileSystem.join(site, relative)))
                rows.append(row)
            case .scheme(.scripts, let relative):
                // Scripts are rewritten (`#!python`) and always made executable.
                let bytes = ScriptLauncher.rewritingPythonShebang(try read(source), python: python)
                add(bytes, at: FileSystem.join(scheme.scripts, relative), executable: true)
            case .scheme(let key, let relative):
                let destination = FileSystem.join(scheme.directory(for: key, distribution: wheel.filename.name.original), relative)
                files.append(PlannedFile(source: .cacheFile(source), destination: destination))
                rows.append(.init(path: PathArithmetic.relative(destination, from: site), hash: row.hash, size: row.size))
            }
        }

        let entryPointsFile = FileSystem.join(wheel.directory, wheel.distInfo + "/entry_points.txt")
        if FileSystem.exists(entryPointsFile) {
            let text = String(decoding: try read(entryPointsFile), as: UTF8.self)
            do {
                for entryPoint in try EntryPoints.scripts(in: text, file: wheel.distInfo + "/entry_points.txt") {
                    add(ScriptLauncher.entryPointScript(entryPoint, python: python),
                        at: FileSystem.join(scheme.scripts, entryPoint.name), executable: true)
                }
            } catch {
                throw .invalidWheel(wheel: wheel.wheelPath, problems: [error.problem])
            }
        }
        add(Array("kiln\n".utf8), at: FileSystem.join(distInfoDirectory, "INSTALLER"))
        if request.requested { add([], at: FileSystem.join(distInfoDirectory, "REQUESTED")) }
        if let directURL = request.directURL { add(Array(directURL.utf8), at: FileSystem.join(distInfoDirectory, "direct_url.json")) }

        rows.append(.init(path: recordName, hash: "", size: nil))
        let record = RecordFile(rows: rows)
        // RECORD goes last: a dist-info with a RECORD describes files that are all in place.
        files.append(PlannedFile(source: .generated(Array(record.text.utf8), executable: false),
                                 destination: FileSystem.join(distInfoDirectory, "RECORD")))
        let metadataPrefix = distInfoDirectory + "/"
        for index in files.indices where files[index].destination.hasPrefix(metadataPrefix) { files[index].isMetadata = true }
        for file in files where !Journal.isJournalSafe(file.destination) {
            throw .invalidWheel(wheel: wheel.wheelPath, problems: [.controlCharacter(member: file.destination)])
        }

        var plan = WheelInstallPlan(distInfoDirectory: distInfoDirectory, siteDirectory: site, record: record)
        plan.changes.files = files
        return plan
    }

    private static func read(_ path: String) throws(InstallError) -> [UInt8] {
        do {
            return try FileSystem.readBytes(path)
        } catch {
            throw .io(error)
        }
    }

    static func sha256Field(_ bytes: [UInt8]) -> String {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return RecordFile.sha256Field(digest: hasher.finalizeBytes())
    }
}
