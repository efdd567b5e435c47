/// PEP 517 `config_settings`: `-C KEY=VALUE` options, where a repeated key becomes a list
/// (as pypa/build passes them).
public struct ConfigSettings: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case single(String)
        case list([String])

        var values: [String] {
            switch self {
            case .single(let value): return [value]
            case .list(let values): return values
            }
        }
    }

    /// Keys in the order first given.
    public private(set) var keys: [String] = []
    public private(set) var values: [String: Value] = [:]

    public init() {}

    public var isEmpty: Bool { keys.isEmpty }

    /// Parses `KEY=VALUE` (or a bare `KEY`, an empty value) in order.
    public init(parsing options: [String]) throws(BuildInputError) {
        for option in options {
            guard let equals = option.firstIndex(of: "=") else {
                guard !option.isEmpty else { throw .invalidConfigSetting(option) }
                add(option, "")
                continue
            }
            let key = String(option[..<equals])
            guard !key.isEmpty else { throw .invalidConfigSetting(option) }
            add(key, String(option[option.index(after: equals)...]))
        }
    }

    public mutating func add(_ key: String, _ value: String) {
        if let existing = values[key] {
            values[key] = .list(existing.values + [value])
        } else {
            keys.append(key)
            values[key] = .single(value)
        }
    }

    /// The JSON value the hook receives: an object of strings and lists of strings, or null.
    var json: JSONValue {
        if keys.isEmpty { return .null }
        var object: [String: JSONValue] = [:]
        for key in keys {
            switch values[key] {
            case .single(let value): object[key] = .string(value)
            case .list(let list): object[key] = .array(list.map(JSONValue.string))
            case nil: continue
            }
        }
        return .object(object)
    }

    /// A stable text of every setting, keys sorted, for cache keys.
    public var canonicalText: String {
        keys.sorted().map { key in
            let list = values[key]?.values ?? []
            return key.count.description + ":" + key + "=" + list.map { "\($0.utf8.count):\($0)" }.joined(separator: ",")
        }.joined(separator: ";")
    }
}
