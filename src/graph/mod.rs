//! The relationship graph (petgraph): people and companies as nodes; `knows` ties from every
//! member's export (and inferred from shared group conversations), `works at` and `worked at`
//! edges to companies. Built from [`GraphData`] by a pure function; no I/O.

pub mod formats;
pub mod intro;
pub mod paths;

use crate::ids::{MemberId, PersonId};
use std::collections::HashMap;

use chrono::NaiveDate;
use petgraph::graph::{EdgeIndex, NodeIndex, UnGraph};

use crate::hash::IdMap;
use crate::resolve::company_key;
use crate::score::{self, Signals};
use crate::store::graph_data::{GraphData, MemberRow};

/// A person in the graph. No e-mail address, ever.
#[derive(Debug, Clone)]
pub struct PersonNode {
    pub id: PersonId,
    pub name: String,
    pub url: Option<String>,
    pub company: String,
    pub position: String,
    /// The member's name when this person is a member of the workspace.
    pub member: Option<String>,
    pub is_owner: bool,
    /// A contact whose name a member's card keeps private (the node is named for its job).
    pub hidden: bool,
}

/// A company.
#[derive(Debug, Clone)]
pub struct CompanyNode {
    pub key: String,
    pub name: String,
}

/// A node of the graph.
#[derive(Debug, Clone)]
pub enum Node {
    Person(PersonNode),
    Company(CompanyNode),
}

impl Node {
    /// The display name.
    pub(crate) fn name(&self) -> &str {
        match self {
            Node::Person(p) => &p.name,
            Node::Company(c) => &c.name,
        }
    }
}

/// What an edge says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    /// Two people know each other.
    Knows,
    /// A person works at a company now.
    WorksAt,
    /// A person worked at a company.
    WorkedAt,
}

impl EdgeKind {
    pub(crate) fn label(self) -> &'static str {
        match self {
            EdgeKind::Knows => "knows",
            EdgeKind::WorksAt => "works_at",
            EdgeKind::WorkedAt => "worked_at",
        }
    }
}

/// Where a `Knows` edge comes from; its evidence is written from this when it is shown.
#[derive(Debug, Clone)]
pub enum View {
    /// The owner's own export.
    Owner(Box<Signals>),
    /// A pooled member's export: summarised, nothing private.
    Member {
        member: String,
        person: String,
        signals: Box<Signals>,
    },
    /// Inferred from shared group conversations.
    Inferred { groups: u32 },
}

/// An edge with its strength and where it comes from (for `Knows`).
#[derive(Debug, Clone)]
pub struct Edge {
    pub kind: EdgeKind,
    /// Hop probability for `Knows` edges; 1 for employment edges.
    pub probability: f64,
    pub bond: f64,
    pub warmth: f64,
    /// True when the tie is inferred (shared group conversations), not in any export.
    pub inferred: bool,
    /// The views of this tie, strongest first.
    pub views: Vec<View>,
}

impl Edge {
    /// A `Knows` edge of the given strength, seen in `view` (`inferred` when no export shows
    /// it, only shared group conversations).
    fn knows(strength: &score::Strength, inferred: bool, view: View) -> Edge {
        Edge {
            kind: EdgeKind::Knows,
            probability: strength.probability,
            bond: strength.bond,
            warmth: strength.warmth,
            inferred,
            views: vec![view],
        }
    }

    /// The evidence in plain words, from every view of the tie; `who` is how the owner's
    /// notes name the other person ("you asked Maria for help on ...").
    pub(crate) fn evidence(&self, as_of: NaiveDate, who: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for view in &self.views {
            let lines = match view {
                View::Owner(signals) => score::strength(signals, as_of, who).evidence,
                View::Member {
                    member,
                    person,
                    signals,
                } => member_evidence(member, person, signals),
                View::Inferred { groups } => score::inferred_group_link(*groups).evidence,
            };
            for line in lines {
                if !out.contains(&line) {
                    out.push(line);
                }
            }
        }
        out
    }

    /// When the owner asked this person for help within the last
    /// [`LEAN_DAYS`](crate::score::constants::LEAN_DAYS), from the owner's view of the tie.
    pub(crate) fn asked_recently(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        self.views.iter().find_map(|view| match view {
            View::Owner(signals) => score::recently_asked(signals, as_of),
            _ => None,
        })
    }
}

/// The graph with its indexes.
pub struct KithGraph {
    pub graph: UnGraph<Node, Edge>,
    pub by_person: IdMap<PersonId, NodeIndex>,
    pub by_company: HashMap<String, NodeIndex>,
    /// The owner's node, if the workspace has an owner.
    pub owner: Option<NodeIndex>,
    /// The day scores were computed for.
    pub as_of: NaiveDate,
}

impl KithGraph {
    /// The person at `index`, if it is a person.
    pub(crate) fn person(&self, index: NodeIndex) -> Option<&PersonNode> {
        match &self.graph[index] {
            Node::Person(p) => Some(p),
            Node::Company(_) => None,
        }
    }

    /// The `Knows` edge between two people.
    pub(crate) fn knows(&self, a: NodeIndex, b: NodeIndex) -> Option<&Edge> {
        self.graph
            .edges_connecting(a, b)
            .map(|e| e.weight())
            .find(|e| e.kind == EdgeKind::Knows)
    }
}

/// `once`, `twice`, `5 times`.
fn times(n: u32) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

/// Evidence for a pooled member's tie, summarised so that nothing private of theirs shows:
/// counts and dates, never text or addresses.
fn member_evidence(member: &str, person: &str, s: &Signals) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((strength, last)) = s.card {
        out.push(format!(
            "{member}'s card: {}{}",
            strength.as_str(),
            last.map(|y| format!(", last contact {y}")).unwrap_or_default()
        ));
    }
    match (s.sent, s.received) {
        (0, 0) => {}
        (n, 0) => out.push(format!("{member} wrote to {person} {}, no reply yet", times(n))),
        (0, n) => out.push(format!("{person} wrote to {member} {}, none answered yet", times(n))),
        (a, b) => out.push(format!(
            "{member} and {person} exchanged {} messages{}",
            a + b,
            s.last_message
                .map(|d| format!(", last {}", crate::words::month_year(d)))
                .unwrap_or_default()
        )),
    }
    if s.recommendations_given + s.recommendations_received > 0 {
        out.push(format!("{member} and {person} recommended each other or one the other"));
    }
    if s.endorsements_given + s.endorsements_received > 0 {
        out.push(format!("endorsements between {member} and {person}"));
    }
    if let Some(e) = &s.shared_employer {
        out.push(format!(
            "{member} and {person}: probably colleagues at {} (inferred)",
            e.company
        ));
    }
    if let Some(on) = s.connected_on {
        out.push(format!("connected since {}", chrono::Datelike::year(&on)));
    }
    if out.is_empty() {
        out.push(format!("{member} is connected to {person}"));
    }
    out
}

/// The most common spelling of each company key (trimmed). Ties go to the spelling with the
/// fewest capitals but some ("Acme Robotics" over "ACME Robotics" and "acme robotics"), then
/// to the first in sort order, so the choice never depends on hash order.
pub(crate) fn most_common_spellings<'a>(
    names: impl Iterator<Item = &'a str>,
    key_of: &mut impl FnMut(&str) -> String,
) -> HashMap<String, String> {
    let mut counts: HashMap<&'a str, usize> = HashMap::new();
    for name in names {
        *counts.entry(name.trim()).or_default() += 1;
    }
    // Among equally common spellings: some capitals, but as few as possible.
    let rank = |count: usize, name: &str| {
        let capitals = name.chars().filter(|c| c.is_uppercase()).count();
        (count, capitals > 0, usize::MAX - capitals)
    };
    let mut best: HashMap<String, (usize, &'a str)> = HashMap::new();
    for (name, count) in counts {
        let key = key_of(name);
        if key.is_empty() {
            continue;
        }
        let entry = best.entry(key).or_insert((count, name));
        let (new, old) = (rank(count, name), rank(entry.0, entry.1));
        if new > old || (new == old && name < entry.1) {
            *entry = (count, name);
        }
    }
    best.into_iter().map(|(k, (_, name))| (k, name.to_string())).collect()
}

/// Builds the graph as of `as_of`.
#[must_use]
pub fn build(data: &GraphData, as_of: NaiveDate) -> KithGraph {
    let mut graph: UnGraph<Node, Edge> = UnGraph::with_capacity(data.people.len(), data.ties.len() + data.people.len());
    let (by_person, owner) = add_people(&mut graph, data);
    let mut companies = Companies::new(data);
    add_past_employers(&mut graph, &by_person, &mut companies, data);
    add_current_employers(&mut graph, &by_person, &mut companies, data);
    let members: HashMap<MemberId, &MemberRow> = data.members.iter().map(|m| (m.id, m)).collect();
    add_member_positions(&mut graph, &by_person, &mut companies, data, &members);

    let mut knows: IdMap<(NodeIndex, NodeIndex), EdgeIndex> = IdMap::default();
    add_observed_ties(&mut graph, &mut knows, &by_person, &members, data, as_of);
    add_group_links(&mut graph, &mut knows, &by_person, data);
    add_hidden_contacts(
        &mut graph,
        &mut knows,
        &by_person,
        &mut companies,
        &members,
        data,
        as_of,
    );
    KithGraph {
        graph,
        by_person,
        by_company: companies.by_key,
        owner,
        as_of,
    }
}

/// Contacts a member's card keeps private: a node each, named for its job ("a VP Product at
/// Acme Robotics (name kept private: ask Maria)"), that knows the member and works at the
/// company, so paths reach the company through the member without naming anyone.
fn add_hidden_contacts(
    graph: &mut UnGraph<Node, Edge>,
    knows: &mut IdMap<(NodeIndex, NodeIndex), EdgeIndex>,
    by_person: &IdMap<PersonId, NodeIndex>,
    companies: &mut Companies,
    members: &HashMap<MemberId, &MemberRow>,
    data: &GraphData,
    as_of: NaiveDate,
) {
    for (i, hidden) in data.hidden_contacts.iter().enumerate() {
        let Some(member) = members.get(&hidden.member_id) else {
            continue;
        };
        let Some(&from) = by_person.get(&member.person_id) else {
            continue;
        };
        let first = member.name.split_whitespace().next().unwrap_or(&member.name);
        let job = crate::words::with_article(hidden.position.trim());
        // The company as the graph spells it (its most common spelling), like every path.
        let company_node = companies.node(graph, &hidden.company);
        let company = company_node.map_or_else(String::new, |c| crate::names::company_display(graph[c].name()));
        let name = if company.is_empty() {
            format!("{job} (name kept private: ask {first})")
        } else {
            format!("{job} at {company} (name kept private: ask {first})")
        };
        // Ids of their own, below every stored person's.
        let id = PersonId(-1 - i64::try_from(i).unwrap_or(i64::MAX - 1));
        let node = graph.add_node(Node::Person(PersonNode {
            id,
            name: name.clone(),
            url: None,
            company: hidden.company.clone(),
            position: hidden.position.clone(),
            member: None,
            is_owner: false,
            hidden: true,
        }));
        if let Some(company) = company_node {
            graph.add_edge(node, company, employment(EdgeKind::WorksAt));
        }
        let signals = Signals {
            card: Some((hidden.strength, hidden.last_contact)),
            ..Signals::default()
        };
        let strength = score::strength_value(&signals, as_of);
        let view = View::Member {
            member: member.name.clone(),
            person: name,
            signals: Box::new(signals),
        };
        let edge = Edge::knows(&strength, false, view);
        add_knows(graph, knows, from, node, edge);
    }
}

/// Adds a node for every person, marking members and the owner; returns the index of each
/// person's node and the owner's node.
fn add_people(graph: &mut UnGraph<Node, Edge>, data: &GraphData) -> (IdMap<PersonId, NodeIndex>, Option<NodeIndex>) {
    let mut by_person: IdMap<PersonId, NodeIndex> = IdMap::default();
    let members_by_person: HashMap<PersonId, &MemberRow> = data.members.iter().map(|m| (m.person_id, m)).collect();
    let mut owner = None;
    for p in &data.people {
        let member = members_by_person.get(&p.id);
        let index = graph.add_node(Node::Person(PersonNode {
            id: p.id,
            name: p.name.clone(),
            url: p.url.clone(),
            company: p.company.clone(),
            position: p.position.clone(),
            member: member.map(|m| m.name.clone()),
            is_owner: member.is_some_and(|m| m.is_owner),
            hidden: false,
        }));
        if member.is_some_and(|m| m.is_owner) {
            owner = Some(index);
        }
        by_person.insert(p.id, index);
    }
    (by_person, owner)
}

/// The company nodes, added on first mention: one per company key, shown by the key's most
/// common spelling ("Acme Robotics" over "ACME robotics").
struct Companies {
    keys: crate::resolve::CompanyKeys,
    /// The spelling to show for each key.
    display: HashMap<String, String>,
    /// The node of each key added so far.
    by_key: HashMap<String, NodeIndex>,
}

impl Companies {
    /// Counts the spellings of every company the graph can mention: current, past (job
    /// changes) and the members' positions.
    fn new(data: &GraphData) -> Self {
        let mut keys = crate::resolve::CompanyKeys::default();
        let spellings = data
            .people
            .iter()
            .map(|p| p.company.as_str())
            .chain(data.job_changes.iter().map(|c| c.old_company.as_str()))
            .chain(data.positions.iter().map(|p| p.company.as_str()));
        let display = most_common_spellings(spellings, &mut |name: &str| keys.key(name));
        Companies {
            keys,
            display,
            by_key: HashMap::new(),
        }
    }

    /// The node of the company `name`, added if new; `None` when the name has no key (blank).
    fn node(&mut self, graph: &mut UnGraph<Node, Edge>, name: &str) -> Option<NodeIndex> {
        let key = self.keys.key(name);
        if key.is_empty() {
            return None;
        }
        let display = &self.display;
        Some(*self.by_key.entry(key.clone()).or_insert_with(|| {
            let name = display.get(&key).cloned().unwrap_or_else(|| name.trim().to_string());
            graph.add_node(Node::Company(CompanyNode { key, name }))
        }))
    }
}

/// An employment edge of `kind`: certain, and with no strength of its own.
fn employment(kind: EdgeKind) -> Edge {
    Edge {
        kind,
        probability: 1.0,
        bond: 0.0,
        warmth: 0.0,
        inferred: false,
        views: Vec::new(),
    }
}

/// `worked at` edges to past employers, the old side of job changes (each company once per
/// person).
fn add_past_employers(
    graph: &mut UnGraph<Node, Edge>,
    by_person: &IdMap<PersonId, NodeIndex>,
    companies: &mut Companies,
    data: &GraphData,
) {
    let mut past: IdMap<PersonId, Vec<String>> = IdMap::default();
    for change in data.job_changes.iter().filter(|c| !c.old_company.trim().is_empty()) {
        let key = company_key(&change.old_company);
        let known = past.entry(change.person_id).or_default();
        if known.contains(&key) {
            continue;
        }
        known.push(key);
        if let (Some(&person), Some(c)) = (
            by_person.get(&change.person_id),
            companies.node(graph, &change.old_company),
        ) {
            graph.update_edge(person, c, employment(EdgeKind::WorkedAt));
        }
    }
}

/// `works at` edges from every person to their current company. A past employer that is
/// current again becomes `works at`.
fn add_current_employers(
    graph: &mut UnGraph<Node, Edge>,
    by_person: &IdMap<PersonId, NodeIndex>,
    companies: &mut Companies,
    data: &GraphData,
) {
    for p in &data.people {
        if let (Some(&person), Some(c)) = (by_person.get(&p.id), companies.node(graph, &p.company)) {
            graph.update_edge(person, c, employment(EdgeKind::WorksAt));
        }
    }
}

/// `worked at` edges from the members' finished positions, where no employment edge exists
/// yet (a current job stays `works at`).
fn add_member_positions(
    graph: &mut UnGraph<Node, Edge>,
    by_person: &IdMap<PersonId, NodeIndex>,
    companies: &mut Companies,
    data: &GraphData,
    members: &HashMap<MemberId, &MemberRow>,
) {
    for pos in &data.positions {
        if pos.finished.is_some() {
            if let Some(m) = members.get(&pos.member_id) {
                if let (Some(&person), Some(c)) = (by_person.get(&m.person_id), companies.node(graph, &pos.company)) {
                    if graph.find_edge(person, c).is_none() {
                        graph.add_edge(person, c, employment(EdgeKind::WorkedAt));
                    }
                }
            }
        }
    }
}

/// `Knows` edges from the members' exports, in tie order so the result never depends on
/// hash order (shared employers were inferred when the data was read). `members` maps
/// member ids to members.
fn add_observed_ties(
    graph: &mut UnGraph<Node, Edge>,
    knows: &mut IdMap<(NodeIndex, NodeIndex), EdgeIndex>,
    by_person: &IdMap<PersonId, NodeIndex>,
    members: &HashMap<MemberId, &MemberRow>,
    data: &GraphData,
    as_of: NaiveDate,
) {
    let mut ties: Vec<(&(MemberId, PersonId), &Signals)> = data.ties.iter().collect();
    ties.sort_by_key(|(k, _)| **k);
    // The owner's view of a tie to a pooled member is the owner's own data; the member's view
    // of the same tie adds nothing and would speak of the owner in the third person.
    let owner_member = data.members.iter().find(|m| m.is_owner);
    let owner_knows: std::collections::HashSet<PersonId> = owner_member
        .map(|o| data.ties.keys().filter(|(m, _)| *m == o.id).map(|(_, p)| *p).collect())
        .unwrap_or_default();
    for ((member_id, person_id), signals) in ties {
        let Some(member) = members.get(member_id) else {
            continue;
        };
        if !member.is_owner
            && owner_member.is_some_and(|o| o.person_id == *person_id)
            && owner_knows.contains(&member.person_id)
        {
            continue;
        }
        let (Some(&a), Some(&b)) = (by_person.get(&member.person_id), by_person.get(person_id)) else {
            continue;
        };
        if a == b {
            continue;
        }
        let signals = signals.clone();
        let strength = score::strength_value(&signals, as_of);
        let view = if member.is_owner {
            View::Owner(Box::new(signals))
        } else {
            View::Member {
                member: member.name.clone(),
                person: graph[b].name().to_string(),
                signals: Box::new(signals),
            }
        };
        let edge = Edge::knows(&strength, false, view);
        add_knows(graph, knows, a, b, edge);
    }
}

/// Inferred `Knows` edges between contacts who shared group conversations, in pair order;
/// added after the observed ties, which they never override.
fn add_group_links(
    graph: &mut UnGraph<Node, Edge>,
    knows: &mut IdMap<(NodeIndex, NodeIndex), EdgeIndex>,
    by_person: &IdMap<PersonId, NodeIndex>,
    data: &GraphData,
) {
    let mut pairs: Vec<(&(PersonId, PersonId), &u32)> = data.group_pairs.iter().collect();
    pairs.sort();
    for ((x, y), groups) in pairs {
        let (Some(&a), Some(&b)) = (by_person.get(x), by_person.get(y)) else {
            continue;
        };
        let s = score::inferred_group_link(*groups);
        let edge = Edge::knows(&s, true, View::Inferred { groups: *groups });
        add_knows(graph, knows, a, b, edge);
    }
}

/// Adds a `Knows` edge, or merges it with the existing one: the stronger view wins, an
/// observed tie beats an inferred one, and evidence from both sides is kept.
fn add_knows(
    graph: &mut UnGraph<Node, Edge>,
    knows: &mut IdMap<(NodeIndex, NodeIndex), EdgeIndex>,
    a: NodeIndex,
    b: NodeIndex,
    edge: Edge,
) {
    let key = (a.min(b), a.max(b));
    if let Some(&index) = knows.get(&key) {
        let existing = &mut graph[index];
        if edge.inferred && !existing.inferred {
            return;
        }
        let replace = (!edge.inferred && existing.inferred) || edge.probability > existing.probability;
        if replace {
            let mut views = edge.views;
            if !existing.inferred {
                views.append(&mut existing.views);
            }
            *existing = Edge { views, ..edge };
        } else if !edge.inferred {
            existing.views.extend(edge.views);
        }
    } else {
        let index = graph.add_edge(a, b, edge);
        knows.insert(key, index);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::graph_data::PersonRow;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn person(id: i64, name: &str, company: &str) -> PersonRow {
        PersonRow {
            id: PersonId(id),
            name: name.into(),
            url: None,
            company: company.into(),
            position: "Engineer".into(),
            given_name: None,
        }
    }

    /// The owner (1) knows Bo (2) well and Cy (3) only as a connection; Bo and Di (4) shared
    /// group conversations; Bo and Cy work at Initech.
    fn sample() -> GraphData {
        let mut data = GraphData::owned_by_ana();
        data.people.extend([
            person(2, "Bo Close", "Initech"),
            person(3, "Cy Connected", "Initech"),
            person(4, "Di Group", "Hooli"),
        ]);
        data.ties.insert(
            (MemberId(1), PersonId(2)),
            Signals {
                sent: 20,
                received: 18,
                sent_direct: 20,
                received_direct: 18,
                first_message: Some(day("2020-01-10")),
                last_message: Some(day("2026-09-01")),
                connected_on: Some(day("2020-01-01")),
                ..Signals::default()
            },
        );
        data.ties.insert(
            (MemberId(1), PersonId(3)),
            Signals {
                connected_on: Some(day("2021-06-01")),
                ..Signals::default()
            },
        );
        data.group_pairs.insert((PersonId(2), PersonId(4)), 3);
        data
    }

    #[test]
    fn a_tie_with_messages_is_a_likelier_hop_than_a_bare_connection() {
        let graph = build(&sample(), day("2026-11-01"));
        let owner = graph.owner.unwrap();
        let (bo, cy) = (graph.by_person[&PersonId(2)], graph.by_person[&PersonId(3)]);
        let close = graph.knows(owner, bo).unwrap();
        let bare = graph.knows(owner, cy).unwrap();
        assert!(
            close.probability > bare.probability,
            "{} vs {}",
            close.probability,
            bare.probability
        );
        assert!((0.0..=1.0).contains(&close.probability) && (0.0..=1.0).contains(&bare.probability));
        assert!(!close.inferred && !bare.inferred);
        let evidence = close.evidence(graph.as_of, "Bo").join(" ");
        assert!(evidence.contains("messages"), "{evidence}");
    }

    #[test]
    fn shared_group_conversations_make_an_inferred_tie_and_employers_link_their_people() {
        let graph = build(&sample(), day("2026-11-01"));
        let (bo, cy, di) = (
            graph.by_person[&PersonId(2)],
            graph.by_person[&PersonId(3)],
            graph.by_person[&PersonId(4)],
        );
        let inferred = graph.knows(bo, di).expect("Bo and Di shared group conversations");
        assert!(inferred.inferred);
        assert!(
            graph.knows(bo, cy).is_none(),
            "a shared employer alone is not a Knows tie"
        );
        let initech = graph.by_company[&crate::resolve::company_key("Initech")];
        for who in [bo, cy] {
            assert!(graph
                .graph
                .edges_connecting(who, initech)
                .any(|e| e.weight().kind == EdgeKind::WorksAt));
        }
    }

    #[test]
    fn a_later_day_never_makes_a_tie_warmer() {
        let near = build(&sample(), day("2026-11-01"));
        let later = build(&sample(), day("2028-11-01"));
        let (a, b) = (near.owner.unwrap(), near.by_person[&PersonId(2)]);
        let (c, d) = (later.owner.unwrap(), later.by_person[&PersonId(2)]);
        assert!(later.knows(c, d).unwrap().warmth <= near.knows(a, b).unwrap().warmth);
    }
}
