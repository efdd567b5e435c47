/// State a command is done with just before the process ends: handed to the kernel whole, with
/// the process, instead of freed object by object. A large resolution's pages, version lists and
/// candidate files took 2–4% of a warm `compile` to free, after its answer was already written.
public enum ProcessLifetime {
    private final class Kept<Value>: Sendable where Value: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Keeps `value` alive until the process exits. Only for what a command holds at its very
    /// end: the memory is never given back before the process ends.
    public static func keepUntilExit<Value: Sendable>(_ value: Value) {
        _ = Unmanaged.passRetained(Kept(value))
    }
}
