/// Everyday words that make poor aliases for a place or group unless case-sensitive: each
/// would match ordinary prose ("IS" the group in "it is", "Most" the town in "most of").
/// In normal form (see `TextNormalizer`).
enum CommonWords {
    static let all: Set<String> = Set(english + arabic)

    private static let english = """
        a about after again against all also am an and any are as at be because been before being \
        between both but by can could did do does doing down during each even few for from further \
        had has have having he her here hers him his how i if in into is it its just may me might \
        more most much must my new no nor not now of off old on once one only or other our ours out \
        over own said same say says she should so some such than that the their them then there \
        these they this those through to too two under until up us very was way we were what when \
        where which while who whom why will with would year years you your state states city group \
        force forces army party front people police home army local man men news world day time \
        government ministry council north south east west central liberty union hope victory \
        justice peace unity independence republic islamic national
        """.split(separator: " ").map(String.init)

    private static let arabic = [
        "في", "من", "علي", "الي", "عن", "مع", "هذا", "هذه", "ذلك", "التي", "الذي", "ان", "او", "ما", "لا",
        "كان", "قد", "كل", "بعد", "قبل", "بين", "عند", "حتي", "هو", "هي", "نحن", "انا", "دوله", "الدوله",
    ]
}
