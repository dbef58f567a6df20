/// Texts joined from pieces at random, for tests that compare a fast path with the general one it
/// stands for (the same texts every run: a ``SeededRandom``).
public enum GeneratedTexts {
    /// `count` texts of 1 to `longest` pieces each.
    public static func make(from pieces: [String], count: Int, longest: Int, seed: UInt64) -> [String] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            (0...random.below(longest - 1)).map { _ in pieces[random.below(pieces.count)] }.joined()
        }
    }
}
