"""People's names for demo applicants: common US given names and surnames of many origins.

ASCII only, so that `first.last.<n>@example.org` addresses need no transliteration.
"""

from demo.generator.employers import SURNAMES as EMPLOYER_SURNAMES

FIRST_NAMES = (
    "Maya", "Olivia", "Emma", "Ava", "Sophia", "Isabella", "Mia", "Amelia", "Harper",
    "Evelyn", "Abigail", "Emily", "Ella", "Elizabeth", "Camila", "Luna", "Sofia", "Avery",
    "Scarlett", "Madison", "Layla", "Chloe", "Victoria", "Grace", "Nora", "Riley", "Zoey",
    "Hannah", "Hazel", "Lily", "Ellie", "Violet", "Lillian", "Zoe", "Stella", "Aurora",
    "Natalie", "Emilia", "Everly", "Leah", "Aubrey", "Willow", "Addison", "Lucy", "Audrey",
    "Bella", "Claire", "Skylar", "Paisley", "Anna", "Caroline", "Genesis", "Aaliyah",
    "Kennedy", "Kinsley", "Allison", "Maria", "Gabriela", "Alejandra", "Ximena", "Valeria",
    "Priya", "Ananya", "Aisha", "Fatima", "Mei", "Hana", "Yuki", "Min-ji", "Linh", "Thu",
    "Ngozi", "Amara", "Chioma", "Keisha", "Tamika", "Jasmine", "Imani", "Monique", "Rachel",
    "Rebecca", "Sarah", "Jessica", "Jennifer", "Ashley", "Amanda", "Megan", "Lauren",
    "Katherine", "Molly", "Erin", "Kelsey", "Courtney", "Brianna", "Danielle", "Heather",
    "Liam", "Noah", "Oliver", "Elijah", "James", "William", "Benjamin", "Lucas", "Henry",
    "Theodore", "Jack", "Levi", "Alexander", "Mateo", "Daniel", "Michael", "Mason", "Sebastian",
    "Ethan", "Owen", "Samuel", "Jacob", "Asher", "Aiden", "John", "Joseph", "Wyatt", "David",
    "Leo", "Luke", "Julian", "Gabriel", "Isaac", "Jayden", "Anthony", "Dylan", "Carlos",
    "Diego", "Miguel", "Jose", "Andres", "Rahul", "Arjun", "Omar", "Hassan", "Kenji", "Minh",
    "Wei", "Jun", "Kwame", "Tunde", "Marcus", "Darnell", "Andre", "Tyrone", "Kevin", "Brian",
    "Matthew", "Christopher", "Andrew", "Joshua", "Ryan", "Nathan", "Adam", "Patrick", "Sean",
)  # fmt: skip

SURNAMES = (
    *EMPLOYER_SURNAMES,
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
    "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
    "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker",
    "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips",
    "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Stewart", "Morris",
    "Murphy", "Cook", "Rogers", "Morgan", "Peterson", "Cooper", "Reed", "Bailey", "Bell",
    "Kim", "Park", "Chen", "Wang", "Li", "Zhang", "Tran", "Pham", "Shah", "Singh", "Kumar",
    "Ali", "Khan", "Ahmed", "Cohen", "Murray", "Sullivan", "O'Brien", "Kelly", "Ward",
    "Adeyemi", "Mensah", "Owusu", "Washington", "Jefferson", "Banks", "Brooks", "Sanders",
    "Price", "Ortiz", "Ruiz", "Medina", "Castro", "Vargas", "Romero", "Herrera", "Silva",
)  # fmt: skip
