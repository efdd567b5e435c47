import SystemSupport

/// `--compile`: byte-compiles the installed `.py` files with the target interpreter, then adds the
/// `.pyc` files to RECORD (empty hash, as PEP 376 allows) so uninstall takes them too.
enum ByteCompiler {
    /// Reads NUL-separated paths on stdin; prints the cache path of each file it compiled.
    private static let script = """
        import sys, py_compile, importlib.util
        for path in sys.stdin.buffer.read().decode().split("\\0"):
            if not path:
                continue
            try:
                print(py_compile.compile(path, doraise=True, invalidation_mode=py_compile.PycInvalidationMode.TIMESTAMP))
            except py_compile.PyCompileError as error:
                sys.stderr.write(str(error) + "\\n")
        """

    static func compile(_ plan: WheelInstallPlan, python: String) async throws(InstallError) {
        let sources = plan.record.rows.map(\.path).filter { $0.hasSuffix(".py") }
            .map { PathArithmetic.normalize(FileSystem.join(plan.siteDirectory, $0)) }
        guard !sources.isEmpty else { return }
        let result: ProcessResult
        do {
            result = try await ProcessRunner.run(ProcessInvocation(
                executable: python, arguments: ["-I", "-c", script],
                standardInput: Array(sources.joined(separator: "\0").utf8), timeout: .seconds(600)))
        } catch {
            throw .process(error)
        }
        guard result.termination == .exited(0) else {
            throw .compileFailed(interpreter: python, output: String(result.standardErrorText.suffix(2000)))
        }
        var record = plan.record
        let recordRow = record.rows.removeLast()
        for line in result.standardOutputText.split(separator: "\n") where line.hasPrefix("/") {
            record.rows.append(.init(path: PathArithmetic.relative(String(line), from: plan.siteDirectory), hash: "", size: nil))
        }
        record.rows.append(recordRow)
        do {
            try FileSystem.writeAtomically(record.text, to: FileSystem.join(plan.distInfoDirectory, "RECORD"))
        } catch {
            throw .io(error)
        }
    }
}
