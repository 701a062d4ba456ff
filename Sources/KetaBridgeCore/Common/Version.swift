/// The KetaBridge release this build reports in `/health` and `--version`.
public enum KetaBridgeVersion {
    public static let current = "0.1.0"
}
