// Tooltips as a list of "label: value" lines; every value comes from the server and is added as escaped text.
import * as vscode from 'vscode';
import { plainText } from '../plainText';

export function markdownFacts(title: string, facts: ReadonlyArray<[label: string, value: string]>): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  markdown.appendMarkdown('**');
  markdown.appendText(plainText(title));
  markdown.appendMarkdown('**\n\n');
  for (const [label, value] of facts) {
    markdown.appendMarkdown(`${label}: `);
    markdown.appendText(plainText(value));
    markdown.appendMarkdown('  \n');
  }
  return markdown;
}
