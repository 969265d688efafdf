public enum FeedwatchVersion {
    public static let string = "0.1.0"
}
