// The simulator's wording, as data. `{subject}`, `{Subject}`, `{action}`, `{first}`, `{second}`, `{count}` and
// `{language}` are filled in from the question. No phrase names the part an answer plays in a run, mentions other
// answers, or gives times, prices or counts of text: in a blind comparison both answers are written from these same
// pools, so nothing in their wording tells them apart.

/** Says, once per answer, that it is simulated; every other phrase avoids the word. */
export const NOTICES = [
  '_This is a simulated answer: no model was called to write it._',
  '_A simulated reply: the app wrote it itself, without calling a model._',
  '_Note: this answer is simulated; connect a provider to get real ones._',
  '_(A simulated answer, shown so the app works without an API key.)_',
];

export const EXPLANATION_OPENINGS = [
  'In short, it all comes down to a few ideas about {subject} that fit together neatly.',
  'Understanding {subject} gets easier once you separate causes from appearances.',
  'Good question. There is a simple core to {subject}, and a few details that trip people up.',
  'The short answer: a handful of factors decide {subject}, and most of them are easy to check.',
  'At heart, this is about cause and effect, and the causes behind {subject} are fewer than they seem.',
];

export const EXPLANATION_FOLLOW_UPS = [
  'Here is the picture without the jargon.',
  'Below is the version I would give a colleague.',
  'The main points follow, most important first.',
  'It helps to take it one piece at a time.',
];

export const KEY_POINT_HEADINGS = ['### Key points', '### The essentials', '### What to keep in mind'];

/** Bold-led points; the label before the colon is how a reader (and the simulator) tells one point from another. */
export const KEY_POINTS = [
  '**The core idea**: a small number of causes explain {subject}; once those are clear, the rest falls into place.',
  '**What drives it**: most of the effect comes from one or two factors, and the others only adjust the details.',
  '**A common mix-up**: people often treat a symptom of {subject} as its cause, which leads to the wrong fix.',
  '**Why it matters**: understanding {subject} makes it easier to predict what happens next, not just describe it.',
  '**Where it breaks down**: edge cases exist, and they are worth knowing before relying on a rule of thumb.',
  '**How to check**: a small, concrete example is the quickest way to test whether an explanation holds.',
  '**Scale**: what is true in a small case does not always hold in a large one, so test at the size you care about.',
  '**Context**: the same idea can look different depending on where it is applied, so name the setting first.',
];

export const ELABORATIONS = [
  'A useful habit is to start from one concrete case of {subject} and generalise only once it is clear.',
  'If you remember one thing, make it the first point: the rest follows from it.',
  'Most confusion about {subject} comes from mixing up two questions: what happens, and why it happens.',
  'It is worth being explicit about assumptions, since they decide which answer fits your situation.',
  'When sources disagree, prefer the explanation that makes a prediction you can check.',
  'Details vary with context, so treat this as a starting map rather than the whole territory.',
  'For a deeper look, a good textbook chapter or the official documentation goes further than a short answer can.',
  'Small experiments beat long debates: try it, look at the result, then adjust.',
  'None of this needs special tools; a notebook and a little patience go a long way.',
  'The trade-offs are real, but they are rarely as sharp as they first appear.',
  'Experienced people tend to agree on the basics of {subject} and argue about the edges, which is a good sign.',
];

export const CLOSINGS = [
  'Hope that helps; happy to go deeper on any of the points.',
  'If you share more about your situation, the advice can get more specific.',
  'Ask a follow-up if one of the points needs an example.',
  'That should be enough to get started.',
];

export const TABLE_INTRODUCTIONS = [
  'Here is how {first} and {second} compare on the points that usually decide it:',
  'The quickest way to see the difference is side by side:',
  'Both are reasonable choices; the table shows where each one is stronger.',
];

export const GENERIC_TABLE_INTRODUCTIONS = [
  'Here is {subject} at a glance:',
  'A compact overview of {subject}:',
  'The main aspects of {subject}, one row each:',
];

/**
 * Criteria for comparing named things, each with three cells, one per profile and in the same order on every row: the
 * quick start, the heavier option, the middle way.
 */
export const COMPARISON_ROWS: Array<[string, string, string, string]> = [
  ['Learning curve', 'Gentle', 'Steeper', 'Moderate'],
  ['Performance', 'Fast for typical loads', 'Faster at the extremes', 'Predictable'],
  ['Cost', 'Lower to start', 'Pays off later', 'Middle of the road'],
  ['Maintenance', 'Little to look after', 'More moving parts', 'Some routine care'],
  ['Ecosystem', 'Large and mature', 'Smaller but growing', 'Focused'],
  ['Flexibility', 'Opinionated', 'Very flexible', 'Flexible within limits'],
  ['Debugging', 'Straightforward', 'Needs better tooling', 'Usually fine'],
  ['Best for', 'Small teams, quick starts', 'Larger teams, clear boundaries', 'Steady, long-lived work'],
];

/** Rows for a table about one subject: aspect, what to know, rule of thumb. */
export const ASPECT_ROWS: Array<[string, string, string]> = [
  ['Purpose', 'The problem behind {subject}', 'Start from the problem, not the tool'],
  ['Main trade-off', 'Simplicity against control', 'Pick simplicity until it hurts'],
  ['Cost', 'Time to learn and to maintain', 'Count upkeep, not just setup'],
  ['Common mistake', 'Doing everything at once', 'Change one thing at a time'],
  ['When to use', 'When the benefit is clear and measurable', 'Try it small first'],
  ['When to avoid', 'When a simpler option already works', 'Keep what works'],
];

export const TABLE_VERDICTS = [
  '**Bottom line:** start with {first} if you want to move quickly; reach for {second} when its strengths match what you need.',
  'In practice {first} is the safer default, and {second} earns its place once the needs are clearer.',
  'Neither wins everywhere: choose by the row that matters most to you, usually cost or maintenance.',
];

export const STEP_INTRODUCTIONS = [
  'Here is a straightforward way to {action}:',
  'To {action}, work through these steps in order:',
  'A reliable order of work to {action}:',
];

/** Steps in the order they are done; an answer takes some of them, keeping this order. */
export const STEPS = [
  '**Pin down the goal.** Write one sentence on what done looks like, so every later step has a target.',
  '**Check the prerequisites.** Make sure you have the access, tools and versions the job expects.',
  '**Start from a clean state.** A fresh, known starting point makes surprises easier to trace.',
  '**Build the smallest working version.** Get {subject} working end to end before polishing any part.',
  '**Test it.** Try the obvious case and one awkward case, and compare both with what you expected.',
  '**Fix what the test shows.** Change one thing at a time, so you know which change helped.',
  '**Write down what you did.** A few notes now save an hour the next time.',
  '**Review it later.** Come back after a while and check that it still does what you need.',
];

export const STEP_TIPS = [
  '**Tip:** if a step fails, go back one step rather than pushing on; the cause is usually just before the symptom.',
  '**Tip:** keep each step small enough to undo, so a mistake costs minutes rather than an afternoon.',
  'If you get stuck, the error message and the last thing you changed are the two best clues.',
];

export const LIST_INTRODUCTIONS = [
  'Here are some ideas for {subject}:',
  'A few options worth considering for {subject}:',
  'Some suggestions for {subject}, from the easiest to the most ambitious:',
];

export const LIST_ITEMS = [
  '**Start with a theme.** A clear theme makes the other choices about {subject} easier.',
  '**Keep it simple.** One thing done well beats three done in a hurry.',
  '**Borrow what works.** Look at what others did with {subject} and adapt the best part.',
  '**Make it personal.** A small detail that fits the people involved is remembered longest.',
  '**Set the budget first.** Decide the limit, then pick the ideas that fit inside it.',
  '**Do a trial run.** A quick rehearsal shows problems while they are still cheap to fix.',
  '**Add one surprise.** Something unexpected gives people a reason to talk about it afterwards.',
  '**Ask for input.** The people affected often have the best ideas and will back the result.',
];

export const LIST_CLOSINGS = [
  'Pick one or two that fit, rather than trying all of them at once.',
  'Any of these can be scaled up or down to suit the time you have.',
];

export const CODE_INTRODUCTIONS = [
  'Here is a compact {language} version to {action}:',
  'A straightforward way to {action} in {language}:',
  'This {language} sketch shows one way to {action}:',
];

/** For a comparison that asks for code without saying what to do: the code shows the difference, it does not "approach" the things compared. */
export const COMPARISON_CODE_INTRODUCTIONS = [
  'Here is a compact {language} version, to see the difference in practice:',
  'To see the difference in practice, here is a straightforward version in {language}:',
  'This {language} sketch makes the difference concrete:',
];

export const CODE_EXPLANATIONS = [
  'It keeps the logic in one small function, so it is easy to test on its own and to adapt to your data.',
  'The function has no side effects, which makes it safe to call from anywhere and simple to test.',
  'Empty and missing values are dealt with up front, so the main loop stays short and readable.',
  'Rename things to match your codebase; the structure is the part worth keeping.',
  'Add a test with an empty input and one with a typical input before changing anything.',
  'If speed matters, measure with realistic data before optimising.',
  'Clear names for the inputs help the next reader more than a clever one-liner.',
];

export const GREETINGS = [
  'Hello! Ask me anything: an explanation, a comparison, some code or a plan.',
  'Hi there! Good to see you. What would you like to work on?',
  'Hey! Happy to help with a question, a bit of code, a comparison or a plan.',
  'Hello, and welcome. What is on your mind today?',
];

export const GREETING_SUGGESTIONS = [
  '- *Compare Postgres and SQLite in a table*',
  '- *Write a Python function that removes duplicates from a list*',
  '- *What are the steps to set up a new laptop for development?*',
  '- *Give me five ideas for a team offsite*',
  '- *How do tides work?*',
  '- *Write a SQL query that finds the ten most recent orders*',
  '- *React or Vue for a small dashboard?*',
];
