//! Every constant of kith's scores, named, with where it comes from. Values marked *prior*
//! are judgement (see `docs/scoring.md`), kept here so they can be calibrated against
//! the user's own outreach outcomes later.

/// Weight of intimacy (reciprocity, one-to-one share) in the bond. Gilbert & Karahalios
/// (CHI 2009): intimacy carries the largest share of predictive power. *prior*
pub(crate) const WEIGHT_INTIMACY: f64 = 0.30;
/// Weight of volume (messages exchanged). Jones et al. (PLoS ONE 2013): frequency of
/// interaction is the main signal. *prior*
pub(crate) const WEIGHT_VOLUME: f64 = 0.30;
/// Weight of duration (how long the tie has existed). Gilbert & Karahalios: days since first
/// communication is among the heaviest positive weights. *prior*
pub(crate) const WEIGHT_DURATION: f64 = 0.22;
/// Weight of services (recommendations, endorsements). *prior*
pub(crate) const WEIGHT_SERVICES: f64 = 0.12;
/// Weight of structure (shared employer, shared group conversations). *prior*
pub(crate) const WEIGHT_STRUCTURE: f64 = 0.06;

/// Messages at which volume reaches 63 % of its maximum (`1 - exp(-n / 10)`). *prior*
pub(crate) const VOLUME_SCALE: f64 = 10.0;
/// A group message counts this much of a one-to-one message (one-to-one beats group,
/// Jones et al. 2013). *prior*
pub(crate) const GROUP_MESSAGE_WEIGHT: f64 = 0.3;
/// Volume of a one-way thread is multiplied by this: one-way messages are not a relationship.
/// *prior*
pub(crate) const ONE_WAY_VOLUME_FACTOR: f64 = 0.2;
/// Years at which duration reaches 63 % of its maximum. *prior*
pub(crate) const DURATION_SCALE_YEARS: f64 = 3.0;
/// Duration of a tie that never exchanged a message counts this much: Gilbert & Karahalios
/// warn that never-communicating ties inflate the time-based weights. *prior*
pub(crate) const SILENT_DURATION_FACTOR: f64 = 0.4;
/// Services: one recommendation (either direction). *prior*
pub(crate) const SERVICE_RECOMMENDATION: f64 = 0.6;
/// Services: one endorsement (either direction). *prior*
pub(crate) const SERVICE_ENDORSEMENT: f64 = 0.12;
/// Services: an invitation that came with a personal note (a weak signal of intent). *prior*
pub(crate) const SERVICE_INVITATION_NOTE: f64 = 0.1;
/// Structure: a shared employer (inferred from the owner's positions). *prior*
pub(crate) const STRUCTURE_SHARED_EMPLOYER: f64 = 0.7;
/// Structure: each shared group conversation, up to three. *prior*
pub(crate) const STRUCTURE_PER_GROUP: f64 = 0.15;
/// The bond of a connection with no interaction at all: a small floor, not zero. *prior*
pub(crate) const BOND_FLOOR: f64 = 0.05;

/// Warmth never falls below this share of the bond: trust survives silence (Levin, Walter &
/// Murnighan 2011). *prior*
pub(crate) const WARMTH_FLOOR: f64 = 0.35;
/// Half-life of warmth, in days, for a new tie. Burt (2002): new bridging ties decay with a
/// half-life near 110 days; Dunbar's outer layers are kept up about yearly. *prior*
pub(crate) const WARMTH_HALF_LIFE_DAYS: f64 = 120.0;
/// How much an old tie's half-life grows per `ln(1 + years)`. *prior*
pub(crate) const HALF_LIFE_GROWTH: f64 = 0.5;

/// Hop probability `p = HOP_BASE + HOP_SLOPE × warmth`. Dodds, Muhamad & Watts (2003):
/// strangers pass a chain on with p ≈ 0.3; a real acquaintance asked a real favour does far
/// better (Milgram: ≈ 0.75). *prior*
pub(crate) const HOP_BASE: f64 = 0.05;
/// See [`HOP_BASE`]. *prior*
pub(crate) const HOP_SLOPE: f64 = 0.85;

/// Bond of an inferred contact–contact link from shared group conversations. *prior*
pub(crate) const INFERRED_GROUP_BOND: f64 = 0.12;
/// Extra inferred bond per additional shared group conversation, up to three. *prior*
pub(crate) const INFERRED_GROUP_STEP: f64 = 0.06;

/// A contact logged in the ledger (a call, a coffee) counts as this many one-to-one messages.
/// *prior*
pub(crate) const LOGGED_CONTACT_WEIGHT: f64 = 3.0;
/// Days during which a person the owner asked for help should not be leaned on again. *prior*
pub(crate) const LEAN_DAYS: i64 = 30;
/// Hop probability is multiplied by this when the owner asked the same person recently:
/// favours wear out (Flynn & Lake 2008 on willingness to help, read conservatively). *prior*
pub(crate) const LEAN_FACTOR: f64 = 0.6;

/// Silence (days) after which a tie counts as dormant. Levin, Walter & Murnighan (2011)
/// studied ties silent for 3+ years; a year is the outer Dunbar layer's rhythm. *prior*
pub(crate) const DORMANT_AFTER_DAYS: i64 = 365;
/// A tie silent for more than this many times its usual gap is dormant too (Navarro et al.
/// 2017: ties silent beyond about 8 times their usual gap are likely decaying). *prior*
pub(crate) const DORMANT_GAP_MULTIPLE: f64 = 8.0;
/// Latent strength halves every this many years of dormancy. *prior*
pub(crate) const LATENT_HALF_LIFE_YEARS: f64 = 5.0;
/// Reconnect value factor when the person changed company since the last contact. *prior*
pub(crate) const NOVELTY_JOB_CHANGE: f64 = 1.3;
/// Reconnect value factor when the person is now at one of the user's targets. *prior*
pub(crate) const RELEVANCE_TARGET: f64 = 1.6;
/// Counterweight to comfort: sheer past volume is discounted by this share at most, so the
/// list is not just the most-messaged (Walter et al. 2015). *prior*
pub(crate) const COMFORT_DISCOUNT: f64 = 0.25;
/// Reconnect value factor when the user asked this person within [`ASKED_PENALTY_DAYS`]. *prior*
pub(crate) const ASKED_PENALTY: f64 = 0.5;
/// See [`ASKED_PENALTY`]. *prior*
pub(crate) const ASKED_PENALTY_DAYS: i64 = 180;
/// Logged contact takes a person off the reconnect list for this many days. *prior*
pub(crate) const COOLING_DAYS: i64 = 90;
/// Ties never engaged (no message, no endorsement, no recommendation) rank below every
/// engaged tie: their value is multiplied by this. *prior*
pub(crate) const COLD_FACTOR: f64 = 0.2;

/// An export older than this many days (before `--as-of`) is called out: commands say so in
/// one line, and silence is worded as what the export can show ("no messages in your export
/// since March 2022 (export of 6 April 2026)"). Silence is measured up to the export in any
/// case. *prior*
pub const STALE_EXPORT_DAYS: i64 = 30;

/// Introduction paths are at most this many hops long: beyond three, each hop's chance
/// multiplies the whole path's down to almost nothing, and people seldom pass a request on
/// further (Dodds, Muhamad & Watts 2003: most chains that completed were short). `kith intro
/// --max-hops` overrides it. *prior*
pub const MAX_HOPS: u8 = 3;

/// Within intimacy, the share of reciprocity (how evenly messages go both ways); the rest is
/// the one-to-one share of messages. Gilbert & Karahalios count both among intimacy's
/// predictors; reciprocity is the one a single sender cannot inflate. *prior*
pub(crate) const INTIMACY_RECIPROCITY_SHARE: f64 = 0.6;
/// Shared group conversations counted towards structure, at most: past three, more groups
/// say little more about the tie. *prior*
pub(crate) const STRUCTURE_MAX_GROUPS: u32 = 3;
/// Days of silence assumed for a tie with neither an interaction nor a connection date: ten
/// years, older than any warmth the half-life leaves. *prior*
pub(crate) const SILENCE_UNKNOWN_DAYS: f64 = 3650.0;
/// An inferred contact–contact link is at least this warm relative to its bond: sharing group
/// conversations says the two were in touch, not when. *prior*
pub(crate) const INFERRED_WARMTH_FLOOR: f64 = 0.5;
/// The shortest usual gap between messages a rhythm is measured against: a burst of messages
/// in one afternoon is not a daily rhythm. *prior*
pub(crate) const MIN_USUAL_GAP_DAYS: f64 = 7.0;
/// Quiet for fewer days than this, a tie is never dormant, however brisk its rhythm was
/// (the report's "active" window). *prior*
pub(crate) const MIN_DORMANT_DAYS: i64 = 90;
/// The number of messages at which comfort (less need to reconnect) is about two-thirds of
/// [`COMFORT_DISCOUNT`]: its scale in `1 - e^(-messages / scale)`. *prior*
pub(crate) const COMFORT_SCALE_MESSAGES: f64 = 50.0;

/// A club card calls a tie "close" at this bond or more: ties with years of messages both
/// ways, one-to-one. On the bundled sample, 23 of the owner's 300 ties: about the size of
/// Dunbar's layer of 15 to 50 that one keeps up with closely. *prior*
pub const CARD_CLOSE_BOND: f64 = 0.65;
/// A club card calls a tie "warm" at this bond or more (and "known" below): some exchange
/// both ways, or an endorsement or recommendation besides the connection (on the sample,
/// 57 more). *prior*
pub const CARD_WARM_BOND: f64 = 0.3;
