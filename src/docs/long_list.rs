//! One rule for provincial lists too long for paper: above its limit, a
//! provincial list names only the rows it must keep, counts the others, and
//! refers to the communes' own lists, which name everyone. The
//! early-warning lists (`config.warnings.provincial_names_max`) keep the
//! officials in leader positions (managed at provincial level); the
//! training plan's list ([`PLAN_NAMES_MAX`]) keeps none (its section II
//! counts every row per need and commune; naming its ≈ 500 leaders' rows
//! would cost ≈ 80 pages and ≈ 95 MB of peak memory on a 3,555-official
//! province, growing with the province). Both go through [`abridge`].

/// The limit of the provincial training plan's named list.
pub const PLAN_NAMES_MAX: usize = 600;

/// The rows of a list, split by [`abridge`].
#[derive(Debug)]
pub struct Abridged<T> {
    /// The rows printed with their names.
    pub named: Vec<T>,
    /// The rows left out (counted instead); empty when not abridged.
    pub others: Vec<T>,
}

impl<T> Abridged<T> {
    /// Whether rows were left out.
    pub fn abridged(&self) -> bool {
        !self.others.is_empty()
    }
}

/// Every row when there are at most `max` (or no limit: a commune's list);
/// otherwise the rows `keep` keeps, the others set aside, in order.
pub fn abridge<T>(rows: Vec<T>, max: Option<usize>, keep: impl Fn(&T) -> bool) -> Abridged<T> {
    match max {
        Some(max) if rows.len() > max => {
            let (named, others) = rows.into_iter().partition(|r| keep(r));
            Abridged { named, others }
        }
        _ => Abridged {
            named: rows,
            others: Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_the_limit_every_row_is_named() {
        let rows: Vec<u32> = (0..10).collect();
        let a = abridge(rows.clone(), Some(10), |r| r % 3 == 0);
        assert_eq!(a.named, rows);
        assert!(!a.abridged());
        let a = abridge(rows.clone(), None, |_| false);
        assert_eq!(a.named, rows);
    }

    #[test]
    fn above_the_limit_only_leaders_are_named_in_order() {
        let rows: Vec<u32> = (0..11).collect();
        let a = abridge(rows, Some(10), |r| r % 3 == 0);
        assert_eq!(a.named, vec![0, 3, 6, 9]);
        assert_eq!(a.others, vec![1, 2, 4, 5, 7, 8, 10]);
        assert!(a.abridged());
    }

    #[test]
    fn above_the_limit_without_leaders_nobody_is_named() {
        let a = abridge(vec![1, 2, 3], Some(2), |_| false);
        assert!(a.named.is_empty());
        assert_eq!(a.others.len(), 3);
    }
}
