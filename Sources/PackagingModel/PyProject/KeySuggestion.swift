/// Finds the known key a misspelled one most likely meant.
///
/// Similarity is twice the longest common subsequence over the total length — the same
/// scale as Python's difflib ratio that pypa/build uses — with the same 0.8 threshold, so
/// `build_backend` suggests `build-backend` and `requirements` suggests `requires`.
enum KeySuggestion {
    static let threshold = 0.8

    static func closest(to key: String, among candidates: [String]) -> String? {
        var best: (candidate: String, score: Double)?
        for candidate in candidates {
            let score = similarity(key, candidate)
            if score >= threshold, score > (best?.score ?? 0) { best = (candidate, score) }
        }
        return best?.candidate
    }

    static func similarity(_ a: String, _ b: String) -> Double {
        let left = Array(a.unicodeScalars)
        let right = Array(b.unicodeScalars)
        guard !left.isEmpty || !right.isEmpty else { return 1 }
        return 2 * Double(longestCommonSubsequence(left, right)) / Double(left.count + right.count)
    }

    private static func longestCommonSubsequence(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for i in a.indices {
            for j in b.indices {
                current[j + 1] = a[i] == b[j] ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
