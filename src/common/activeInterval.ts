// An interval that runs only while something is true (the window has the focus, a view is on screen): an idle window
// then fires no timer for it at all (issue 23: idle costs nothing). No vscode import: `onChange` is any event.

export interface Disposable {
  dispose(): void;
}

/** Calls `tick` every `ms` while `isActive()`; `onChange` says when that may have changed. */
export function activeInterval(
  ms: number,
  tick: () => void,
  isActive: () => boolean,
  onChange: (listener: () => void) => Disposable,
): Disposable {
  let timer: ReturnType<typeof setInterval> | undefined;
  const update = () => {
    if (isActive()) timer ??= setInterval(tick, ms);
    else if (timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  const subscription = onChange(update);
  update();
  return {
    dispose: () => {
      subscription.dispose();
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
}
