//! Independent work spread over the machine's cores: the print editions of
//! a batch of issues, the pages of a preview.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` of every item, in the order of `items`, computed on every core: each
/// worker takes the next item not yet taken, so that a long item does not
/// hold back a share of the others. A panic in `f` is a panic here.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers < 2 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = f(item);
                    *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("every item was taken by a worker")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_item_is_mapped_once_in_order() {
        let items: Vec<u64> = (0..1000).collect();
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let squares = super::map(&items, |n| {
            calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            n * n
        });
        assert_eq!(calls.into_inner(), 1000);
        assert_eq!(squares, (0..1000u64).map(|n| n * n).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u8], |_| 0).is_empty());
    }
}
