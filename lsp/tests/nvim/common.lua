-- What the headless Neovim scripts share (harness.lua, sets.lua): writing
-- the result, waiting for the server, and running the script's main once
-- Neovim has started. Loaded with dofile from beside them (`-u` puts no
-- folder on package.path). Neovim 0.7 API only.

local M = {}

function M.write_file(path, text)
  local f = assert(io.open(path, 'wb'))
  f:write(text)
  f:close()
end

--- Writes `out` as JSON to `out_path` and quits, failing unless `code` is 0.
function M.finish(out_path, out, code)
  M.write_file(out_path, vim.fn.json_encode(out))
  vim.cmd(code == 0 and 'qall!' or ('cquit ' .. code))
end

--- Waits up to `timeout_ms` for `condition()` to hold, polling every 5 ms
--- while Neovim handles the server's messages; raises the error
--- `timeout_message()` when it does not (a function: the message may name
--- what came last).
function M.wait_until(timeout_ms, condition, timeout_message)
  if not vim.wait(timeout_ms, condition, 5) then
    error(timeout_message(), 2)
  end
end

--- Runs `main` once Neovim has started; an error it raises goes to
--- `on_error` (as a string), which must finish the run as failed.
function M.run_main(main, on_error)
  vim.api.nvim_create_autocmd('VimEnter', {
    once = true,
    callback = function()
      local ok, err = pcall(main)
      if not ok then
        on_error(tostring(err))
      end
    end,
  })
end

return M
