-- Highlighting plan documents with the repository's tree-sitter grammar in
-- Neovim through nvim-treesitter (Neovim 0.9+; Debian 12's 0.7 cannot load
-- the parser: it is generated with ABI 15).
--
-- 1. Register the local grammar and install it (:TSInstall plan):
local parser_config = require('nvim-treesitter.parsers').get_parser_configs()
parser_config.plan = {
  install_info = {
    url = '/path/to/plan-lint/grammar', -- your checkout's grammar/ folder
    files = { 'src/parser.c' },
    generate_requires_npm = false,
    requires_generate_from_grammar = false,
  },
  filetype = 'plan',
}
-- 2. Copy the highlight queries where Neovim finds them:
--      mkdir -p ~/.config/nvim/queries/plan
--      cp grammar/queries/highlights.scm ~/.config/nvim/queries/plan/
--    (capture names are the current ones: @markup.heading, @markup.list,
--    @keyword, @number, @constant, @type, @label, @comment.)
-- 3. Turn highlighting on for the filetype:
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'plan',
  callback = function(args)
    pcall(vim.treesitter.start, args.buf, 'plan')
  end,
})
