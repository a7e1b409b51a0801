//! `kith intro`: who can introduce the owner to people at a company (or to one person),
//! ranked by the probability that the chain of asks works, with the evidence for every hop
//! and the ask in plain words.

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::paths::{k_best_paths, Adjacency};
use super::{EdgeKind, KithGraph, Node};
use crate::names::prose_name;
use crate::resolve::{company_key, full_name_key, normalise_url};

/// A person as shown in a path.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PersonRef {
    pub name: String,
    pub url: Option<String>,
}

/// The person a path ends at.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TargetRef {
    pub name: String,
    pub url: Option<String>,
    pub company: String,
    pub position: String,
    /// A contact whose name a member's club card keeps private: `name` describes the job,
    /// and only the member can say who it is.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

/// One hop of a path.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hop {
    pub from: PersonRef,
    pub to: PersonRef,
    /// The hop probability (the chance the person asked acts).
    pub strength: f64,
    pub evidence: Vec<String>,
    /// True when the tie is inferred rather than seen in an export.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
}

/// A ranked introduction path.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IntroPath {
    pub probability: f64,
    pub target: TargetRef,
    pub hops: Vec<Hop>,
    pub ask: String,
}

impl IntroPath {
    /// The index of the weakest hop.
    #[must_use]
    pub fn weakest(&self) -> usize {
        self.hops
            .iter()
            .enumerate()
            .min_by(|a, b| {
                a.1.strength
                    .partial_cmp(&b.1.strength)
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .map_or(0, |(i, _)| i)
    }
}

/// Paths counted in [`any_works`], at most: a person trying intros works through a handful at
/// a time, and each hop's chance is an estimate; multiplied over dozens of cold paths it
/// would promise near certainty that nobody should be told. *prior*
pub const ANY_WORKS_PATHS: usize = 5;

/// The chance that at least one of several paths works, `1 − Π(1 − P_i)`, over the best
/// paths (at most [`ANY_WORKS_PATHS`]) that share no person but the user with a better one:
/// two paths to the same person, or through the same intermediary, are not independent.
/// Returns the chance and how many paths it counts.
#[must_use]
pub fn any_works(paths: &[IntroPath]) -> (f64, usize) {
    let mut used: Vec<(&str, &str)> = Vec::new();
    let mut fail = 1.0;
    let mut counted = 0;
    for path in paths {
        // Everyone on the path after the user: intermediaries and the person reached.
        let people: Vec<(&str, &str)> = path
            .hops
            .iter()
            .map(|h| (h.to.url.as_deref().unwrap_or(""), h.to.name.as_str()))
            .collect();
        let same = |a: &(&str, &str), b: &(&str, &str)| {
            if a.0.is_empty() || b.0.is_empty() {
                a.1 == b.1
            } else {
                a.0 == b.0
            }
        };
        if people.iter().any(|p| used.iter().any(|u| same(p, u))) {
            continue;
        }
        used.extend(people);
        fail *= 1.0 - path.probability;
        counted += 1;
        if counted == ANY_WORKS_PATHS {
            break;
        }
    }
    (1.0 - fail, counted)
}

/// What to look for.
#[derive(Debug, Clone)]
pub enum Query {
    /// People whose current company has one of these keys (a name and its aliases).
    Company { name: String, keys: Vec<String> },
    /// One person, by profile URL or name.
    Person(String),
}

/// Why there is no path.
#[derive(Debug, Clone, PartialEq)]
pub enum NoPath {
    /// No company with that name; the closest names known.
    UnknownCompany { suggestions: Vec<String> },
    /// No person with that name or URL; the closest names known.
    UnknownPerson { suggestions: Vec<String> },
    /// People match, but no chain of ties within the hop limit reaches them.
    Unreachable { targets: usize, max_hops: usize },
    /// The workspace has no owner yet.
    NoOwner,
    /// The person asked for is the workspace owner.
    Yourself { name: String },
}

impl std::fmt::Display for NoPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoPath::UnknownCompany { suggestions } if suggestions.is_empty() => {
                write!(f, "no one in your network works at that company")
            }
            NoPath::UnknownCompany { suggestions } => {
                write!(
                    f,
                    "no one in your network works at that company; did you mean {}?",
                    or_list(suggestions)
                )
            }
            NoPath::UnknownPerson { suggestions } if suggestions.is_empty() => write!(f, "no one by that name or URL"),
            NoPath::UnknownPerson { suggestions } => {
                write!(f, "no one by that name or URL; did you mean {}?", or_list(suggestions))
            }
            NoPath::Unreachable { targets, max_hops } => write!(
                f,
                "{targets} {} there, but no chain of people you know reaches {} within {max_hops} hops \
                 (try --max-hops {}, or pool a friend's export with kith import --member)",
                if *targets == 1 { "person works" } else { "people work" },
                if *targets == 1 { "them" } else { "any of them" },
                max_hops + 1
            ),
            NoPath::NoOwner => write!(f, "the workspace has no owner yet: import your own export first"),
            NoPath::Yourself { name } => write!(
                f,
                "{name} is you, the workspace owner: give the name or profile URL of someone you want to meet"
            ),
        }
    }
}

fn or_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
        [] => String::new(),
    }
}

/// Edit distance (Levenshtein) between two short strings, for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for j in 0..b.len() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != b[j])).min(row[j] + 1).min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

/// The closest names to `wanted` among `names` (by key), at most `n`, closest first. A name
/// that contains the wanted word is close too (but never matches: matching is by equality).
pub(crate) fn closest<'a>(wanted: &str, names: impl Iterator<Item = (&'a str, &'a str)>, n: usize) -> Vec<String> {
    let wanted_key = company_key(wanted);
    let mut scored: Vec<(usize, String)> = names
        .filter(|(key, _)| !key.is_empty())
        .map(|(key, name)| {
            let d = distance(&wanted_key, key);
            let contains = key.split(' ').any(|w| w == wanted_key) || wanted_key.split(' ').any(|w| w == key);
            (if contains { d.min(2) } else { d }, name.to_string())
        })
        .filter(|(d, _)| *d <= (wanted_key.chars().count() / 2).max(2))
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(n).map(|(_, name)| name).collect()
}

/// A node's index as the path search stores it: petgraph's `NodeIndex` is a u32 underneath,
/// so this never loses anything.
fn node_id(node: NodeIndex) -> u32 {
    u32::try_from(node.index()).unwrap_or(u32::MAX)
}

/// Builds the search adjacency over `Knows` edges between people.
#[must_use]
pub fn adjacency(graph: &KithGraph) -> Adjacency {
    let mut adjacency: Adjacency = vec![Vec::new(); graph.graph.node_count()];
    for edge in graph.graph.edge_references() {
        let e = edge.weight();
        if e.kind != EdgeKind::Knows {
            continue;
        }
        // petgraph's indices are u32 underneath; `index()` widens them.
        let (a, b) = (edge.source(), edge.target());
        adjacency[a.index()].push((node_id(b), e.probability));
        adjacency[b.index()].push((node_id(a), e.probability));
    }
    adjacency
}

/// The people a query names: everyone currently at the company, or the person.
pub(crate) fn targets(graph: &KithGraph, query: &Query) -> Result<Vec<NodeIndex>, NoPath> {
    let owner = graph.owner;
    match query {
        Query::Company { name, keys } => {
            let mut found: Vec<NodeIndex> = keys
                .iter()
                .filter_map(|k| graph.by_company.get(k))
                .flat_map(|&c| {
                    graph
                        .graph
                        .edges(c)
                        .filter(|e| e.weight().kind == EdgeKind::WorksAt)
                        .map(move |e| if e.source() == c { e.target() } else { e.source() })
                })
                .filter(|&p| Some(p) != owner)
                .collect();
            found.sort();
            found.dedup();
            if found.is_empty() {
                let names = graph.graph.node_weights().filter_map(|n| match n {
                    Node::Company(c) => Some((c.key.as_str(), c.name.as_str())),
                    Node::Person(_) => None,
                });
                return Err(NoPath::UnknownCompany {
                    suggestions: closest(name, names, 3),
                });
            }
            Ok(found)
        }
        Query::Person(wanted) => {
            let owner_person = owner.and_then(|o| graph.person(o));
            if let Some(url) = normalise_url(wanted) {
                let found: Vec<NodeIndex> = graph
                    .graph
                    .node_indices()
                    .filter(|&i| graph.person(i).is_some_and(|p| p.url.as_deref() == Some(url.as_str())))
                    .collect();
                return match (found.as_slice(), owner_person) {
                    ([only], Some(me)) if Some(*only) == owner => Err(NoPath::Yourself { name: me.name.clone() }),
                    ([], _) => Err(NoPath::UnknownPerson {
                        suggestions: Vec::new(),
                    }),
                    _ => Ok(found.into_iter().filter(|&i| Some(i) != owner).collect()),
                };
            }
            let key = full_name_key(wanted);
            let found: Vec<NodeIndex> = graph
                .graph
                .node_indices()
                .filter(|&i| Some(i) != owner && graph.person(i).is_some_and(|p| full_name_key(&p.name) == key))
                .collect();
            if let Some(me) = owner_person.filter(|me| found.is_empty() && full_name_key(&me.name) == key) {
                return Err(NoPath::Yourself { name: me.name.clone() });
            }
            if found.is_empty() {
                let keys: Vec<(String, String)> = graph
                    .graph
                    .node_weights()
                    .filter_map(|n| match n {
                        Node::Person(p) if !p.is_owner => Some((full_name_key(&p.name), p.name.clone())),
                        _ => None,
                    })
                    .collect();
                let mut scored: Vec<(usize, String)> = keys
                    .iter()
                    .map(|(k, n)| (distance(&key, k), n.clone()))
                    .filter(|(d, _)| *d <= (key.chars().count() / 3).max(2))
                    .collect();
                scored.sort();
                return Err(NoPath::UnknownPerson {
                    suggestions: scored.into_iter().take(3).map(|(_, n)| n).collect(),
                });
            }
            Ok(found)
        }
    }
}

/// Ranked introduction paths for a query.
pub fn intro(
    graph: &KithGraph,
    adjacency: &Adjacency,
    query: &Query,
    top: usize,
    max_hops: usize,
) -> Result<Vec<IntroPath>, NoPath> {
    let Some(owner) = graph.owner else {
        return Err(NoPath::NoOwner);
    };
    let targets = targets(graph, query)?;
    let mut is_target = vec![false; adjacency.len()];
    for t in &targets {
        is_target[t.index()] = true;
    }
    let paths = k_best_paths(adjacency, node_id(owner), &is_target, max_hops, top);
    if paths.is_empty() {
        return Err(NoPath::Unreachable {
            targets: targets.len(),
            max_hops,
        });
    }
    // The company as the network spells it most often, not as the query was typed.
    let company_name = match query {
        Query::Company { name, keys } => Some(
            keys.iter()
                .find_map(|k| graph.by_company.get(k))
                .map_or_else(|| name.clone(), |&c| graph.graph[c].name().to_string()),
        ),
        Query::Person(_) => None,
    };
    Ok(paths
        .iter()
        .map(|p| describe(graph, &p.nodes, p.probability, company_name.as_deref()))
        .collect())
}

fn person_ref(graph: &KithGraph, index: NodeIndex, owner: NodeIndex) -> PersonRef {
    match graph.person(index) {
        Some(p) if index == owner => PersonRef {
            name: format!("{} (you)", p.name),
            url: p.url.clone(),
        },
        Some(p) => PersonRef {
            name: p.name.clone(),
            url: p.url.clone(),
        },
        None => PersonRef {
            name: graph.graph[index].name().to_string(),
            url: None,
        },
    }
}

fn describe(graph: &KithGraph, nodes: &[u32], probability: f64, company: Option<&str>) -> IntroPath {
    let owner = NodeIndex::new(nodes[0] as usize);
    let indices: Vec<NodeIndex> = nodes.iter().map(|&n| NodeIndex::new(n as usize)).collect();
    let hops: Vec<Hop> = indices
        .windows(2)
        .map(|w| {
            let edge = graph.knows(w[0], w[1]);
            let who = graph
                .person(w[1])
                .map(|p| crate::names::greeting(&p.name, None))
                .unwrap_or_default();
            Hop {
                from: person_ref(graph, w[0], owner),
                to: person_ref(graph, w[1], owner),
                strength: edge.map_or(0.0, |e| e.probability),
                evidence: edge.map(|e| e.evidence(graph.as_of, &who)).unwrap_or_default(),
                inferred: edge.is_some_and(|e| e.inferred),
            }
        })
        .collect();
    let last = *indices.last().unwrap_or(&owner);
    let target = match graph.person(last) {
        Some(p) => TargetRef {
            name: p.name.clone(),
            url: p.url.clone(),
            company: p.company.clone(),
            position: p.position.clone(),
            hidden: p.hidden,
        },
        None => TargetRef {
            name: graph.graph[last].name().to_string(),
            url: None,
            company: String::new(),
            position: String::new(),
            hidden: false,
        },
    };
    let ask = ask(graph, &indices, &target, company);
    IntroPath {
        probability,
        target,
        hops,
        ask,
    }
}

/// The suggested ask: whom to ask for what. Asks for perspective, advice or an
/// introduction; never for a job.
fn ask(graph: &KithGraph, path: &[NodeIndex], target: &TargetRef, company: Option<&str>) -> String {
    let org = company.map_or_else(
        || {
            if company_key(&target.company).is_empty() {
                "their work".to_string()
            } else {
                crate::names::company_display(&target.company)
            }
        },
        crate::names::company_display,
    );
    let role = if target.position.is_empty() {
        String::new()
    } else {
        format!(" ({})", target.position)
    };
    let name = |i: NodeIndex| {
        let node = graph.person(i);
        let base = node.map(|p| prose_name(&p.name)).unwrap_or_default();
        match node.and_then(|p| p.member.as_ref()) {
            Some(_) if node.is_some_and(|p| !p.is_owner) => format!("{base} (from your job-search club)"),
            _ => base,
        }
    };
    let target_name = prose_name(&target.name);
    if target.hidden && path.len() >= 3 {
        // Only the member whose card it is knows who this is.
        let job = crate::words::with_article(&target.position);
        let member = name(path[path.len() - 2]);
        return if path.len() == 3 {
            format!(
                "Ask {member} who {job} at {org} on their card is, and whether they would introduce you for a short \
                 conversation about {org}; offer a two-line blurb they can forward."
            )
        } else {
            format!(
                "Ask {} for advice on reaching {member}, who knows {job} at {org} (their card keeps the name \
                 private); ask for an introduction one step at a time.",
                name(path[1])
            )
        };
    }
    let ask = match path.len() {
        0..=1 => String::new(),
        2 => format!(
            "Write to {target_name}{role} directly: ask for 20 minutes of their perspective on {org}: what the work is \
             like, how the team hires, what they would do in your place."
        ),
        3 => format!(
            "Ask {} whether they would introduce you to {target_name}{role} for a short conversation about {org}; \
             offer a two-line blurb they can forward.",
            name(path[1]),
        ),
        _ => {
            let middle: Vec<String> = path[2..path.len() - 1].iter().map(|&i| name(i)).collect();
            format!(
                "Ask {} for advice on reaching {target_name}{role} at {org}: they know {}, who knows {target_name}. \
                 Ask for an introduction one step at a time.",
                name(path[1]),
                middle.join(", then "),
            )
        }
    };
    // The person to write to first was asked for help recently: the ask says so first.
    let asked = path
        .get(1)
        .and_then(|&first| graph.knows(path[0], first))
        .and_then(|edge| edge.asked_recently(graph.as_of));
    match (asked, path.get(1)) {
        (Some(on), Some(&first)) if !ask.is_empty() => {
            let who = graph
                .person(first)
                .map(|p| crate::names::greeting(&p.name, None))
                .unwrap_or_default();
            format!(
                "You asked {who} for help on {}: wait for that answer (kith followups says when a nudge is due) \
                 or try another path. Later: {}",
                crate::words::short_date(on),
                lower_first(&ask)
            )
        }
        _ => ask,
    }
}

/// "Write to ..." → "write to ...", for a sentence that continues another.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_close_but_never_matches() {
        let names = [
            ("acme robotics", "Acme Robotics"),
            ("acmeville foods", "Acmeville Foods"),
            ("globex", "Globex"),
        ];
        let found = closest("Acme Robotcs", names.iter().map(|(k, n)| (*k, *n)), 3);
        assert_eq!(found.first().map(String::as_str), Some("Acme Robotics"));
        assert!(closest("Zzyzx", names.iter().map(|(k, n)| (*k, *n)), 3).is_empty());
    }

    fn path(probability: f64, via: &[&str]) -> IntroPath {
        path_to(&format!("target via {}", via.join(" ")), probability, via)
    }

    fn path_to(target: &str, probability: f64, via: &[&str]) -> IntroPath {
        let person = |n: &str| PersonRef {
            name: n.to_string(),
            url: None,
        };
        let mut names = vec!["you"];
        names.extend_from_slice(via);
        names.push(target);
        IntroPath {
            probability,
            target: TargetRef {
                name: target.into(),
                url: None,
                company: String::new(),
                position: String::new(),
                hidden: false,
            },
            hops: names
                .windows(2)
                .map(|w| Hop {
                    from: person(w[0]),
                    to: person(w[1]),
                    strength: 0.5,
                    evidence: vec![],
                    inferred: false,
                })
                .collect(),
            ask: String::new(),
        }
    }

    #[test]
    fn independent_paths_combine() {
        let paths = vec![path(0.5, &["a"]), path(0.4, &["a", "b"]), path(0.2, &["c"])];
        let (chance, counted) = any_works(&paths);
        assert_eq!(counted, 2, "the second path shares a with the first");
        assert!((chance - (1.0 - 0.5 * 0.8)).abs() < 1e-12);
    }

    #[test]
    fn at_most_a_handful_of_paths_count() {
        let names: Vec<String> = (0..40).map(|i| format!("p{i}")).collect();
        let paths: Vec<IntroPath> = names.iter().map(|n| path(0.1, &[n.as_str()])).collect();
        let (chance, counted) = any_works(&paths);
        assert_eq!(counted, ANY_WORKS_PATHS);
        assert!((chance - (1.0 - 0.9f64.powi(5))).abs() < 1e-12, "{chance}");
    }

    #[test]
    fn two_paths_to_the_same_person_are_not_independent() {
        // Both end at "target" (through different people): only the better one counts.
        let paths = vec![path_to("target", 0.5, &["a"]), path_to("target", 0.4, &["b"])];
        assert_eq!(any_works(&paths), (0.5, 1));
        // A path whose target is another path's intermediary is not independent either.
        let (_, counted) = any_works(&[path(0.5, &["a"]), path_to("a", 0.3, &[])]);
        assert_eq!(counted, 1);
    }

    #[test]
    fn edit_distance() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("same", "same"), 0);
    }
}
