/// SplitMix64: a small, fast generator whose sequence depends only on its seed, so `ketabridge demo --seed S`
/// produces the same clinic on every machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A deterministic UUID-shaped id (version 4 layout) for demo records.
    public mutating func uuid() -> String {
        let a = next()
        let b = next()
        func hex(_ v: UInt64, _ count: Int) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, count - s.count)) + s.suffix(count)
        }
        let time = hex(a >> 32, 8)
        let mid = hex((a >> 16) & 0xFFFF, 4)
        let version = hex(0x4000 | (a & 0x0FFF), 4)
        let variant = hex(0x8000 | (b >> 48) & 0x3FFF, 4)
        let node = hex(b & 0xFFFF_FFFF_FFFF, 12)
        return "\(time)-\(mid)-\(version)-\(variant)-\(node)"
    }
}
