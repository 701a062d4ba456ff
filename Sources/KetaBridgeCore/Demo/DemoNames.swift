/// Synthetic names for demo patients (common US given and family names; no real people).
enum DemoNames {
    static let femaleGiven = [
        "Olivia", "Emma", "Ava", "Sophia", "Mia", "Amelia", "Harper", "Evelyn", "Abigail", "Emily", "Ella", "Grace", "Chloe",
        "Camila", "Aria", "Layla", "Nora", "Zoe", "Riley", "Hannah", "Leah", "Maya", "Naomi", "Ruth", "Priya", "Mei", "Fatima",
    ]
    static let maleGiven = [
        "Liam", "Noah", "Oliver", "Elijah", "James", "William", "Benjamin", "Lucas", "Henry", "Theodore", "Jack", "Levi",
        "Alexander", "Mateo", "Daniel", "Michael", "Owen", "Samuel", "Ethan", "Joseph", "David", "Carlos", "Ravi", "Kenji", "Omar",
    ]
    static let family = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez",
        "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White",
        "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Nguyen",
        "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Patel",
    ]
}
