import * as vscode from 'vscode';
import { waitFor } from './helpers';

/**
 * The input boxes the extension shows, caught as it creates them: the real boxes in the real
 * workbench, which a test fills and accepts the way a user presses Enter. Dispose to stop catching.
 */
export class InputBoxes implements vscode.Disposable {
  private readonly shown: vscode.InputBox[] = [];
  private readonly hidden = new Set<vscode.InputBox>();
  private readonly restore: () => void;

  constructor() {
    const window = vscode.window as { createInputBox: typeof vscode.window.createInputBox };
    const original = window.createInputBox;
    window.createInputBox = () => {
      const box = original.call(vscode.window);
      const show = box.show.bind(box);
      box.show = () => {
        show();
        this.shown.push(box);
      };
      box.onDidHide(() => this.hidden.add(box));
      return box;
    };
    this.restore = () => (window.createInputBox = original);
  }

  /** The n-th box shown since this started (0 for the first), once it is on screen. */
  async shownBox(index = 0): Promise<vscode.InputBox> {
    await waitFor(`input box #${index + 1} to show`, () => this.shown.length > index);
    // The box reaches the workbench after the extension host's next turn.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return this.shown[index];
  }

  isOpen(box: vscode.InputBox): boolean {
    return !this.hidden.has(box);
  }

  /**
   * Types `value` and presses Enter. Resolves once the box has closed or shows a validation message;
   * says which.
   */
  async enter(box: vscode.InputBox, value: string): Promise<'closed' | 'stayed open'> {
    box.validationMessage = undefined;
    box.value = value;
    await new Promise((resolve) => setTimeout(resolve, 100));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor('the box to close or say why not', () => this.hidden.has(box) || box.validationMessage !== undefined);
    return this.hidden.has(box) ? 'closed' : 'stayed open';
  }

  dispose(): void {
    this.restore();
    for (const box of this.shown) if (!this.hidden.has(box)) box.hide();
  }
}

/** What a modal warning showed: its message, options and buttons as passed to VS Code. */
export interface ShownWarning {
  readonly message: string;
  readonly options: vscode.MessageOptions | undefined;
  readonly buttons: string[];
}

/**
 * Answers the warnings the extension shows while this lives: each call records what VS Code was
 * asked to show and answers with the next of `answers` (undefined: the dialog was dismissed).
 */
export class Warnings implements vscode.Disposable {
  readonly shown: ShownWarning[] = [];
  private readonly restore: () => void;

  constructor(private readonly answers: (string | undefined)[]) {
    const window = vscode.window as { showWarningMessage: (...args: unknown[]) => Thenable<unknown> };
    const original = window.showWarningMessage;
    window.showWarningMessage = async (message: unknown, ...rest: unknown[]) => {
      const options = typeof rest[0] === 'object' && rest[0] !== null && !('title' in rest[0]) ? (rest.shift() as vscode.MessageOptions) : undefined;
      this.shown.push({ message: String(message), options, buttons: rest.map(String) });
      return this.answers.shift();
    };
    this.restore = () => (window.showWarningMessage = original);
  }

  dispose(): void {
    this.restore();
  }
}
