/// Streams a build log's new lines (for `-v`) until the calling task is cancelled.
enum LogFollower {
    static func follow(_ log: BuildLog, from start: Int64, emit: @Sendable (String) -> Void) async {
        var offset = start
        var partial: [UInt8] = []
        while true {
            let stopping = Task.isCancelled
            let bytes = log.read(from: offset)
            offset += Int64(bytes.count)
            partial += bytes
            while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
                emit(String(decoding: partial[..<newline], as: UTF8.self))
                partial.removeSubrange(...newline)
            }
            if stopping {
                if !partial.isEmpty { emit(String(decoding: partial, as: UTF8.self)) }
                return
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
